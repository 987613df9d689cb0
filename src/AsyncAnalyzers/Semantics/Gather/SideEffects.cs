using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// What a call's name says about its effects, for ordering: whether it changes the entity it names (Save, Update, Delete, Mark,
/// Ban...; announcing it with Send, Publish, Push or Log does not),
/// and whether it is a guard whose whole point is to throw before what follows runs (AuthorizeOrThrow, EnsureExists, Validate).
/// Names are read after an <c>Async</c> suffix and a <c>Try</c> prefix are removed; a verb counts when the name is the verb or the
/// verb followed by an upper-case letter (<c>UpdateUser</c>, not <c>Updater</c>).
/// </summary>
internal static class SideEffects
{
    /// <summary>Verbs that change the entity they name (a row, a file, a room, a registration).</summary>
    private static readonly ImmutableArray<string> MutatingVerbs = ImmutableArray.Create(
        "Save", "Write", "Update", "Delete", "Remove", "Insert", "Set", "Append", "Put", "Patch", "Mark",
        "Add", "Create", "Upsert", "Replace", "Revoke", "Ban", "Kick", "Enable", "Disable", "Store", "Register", "Unregister",
        "Clear", "Reset", "Increment", "Decrement", "Move", "Copy", "Rename", "Commit", "Apply", "Enqueue", "Dequeue", "Confirm",
        "Accept", "Reject", "Approve", "Cancel", "Close", "Start", "Stop", "Restore", "Archive", "Grant", "Assign", "Unassign", "Link",
        "Unlink", "Sync", "Upload", "Import", "Execute", "Process", "Scale", "Change", "Modify", "Edit", "Submit", "Invite", "Join",
        "Leave", "Lock", "Unlock", "Activate", "Deactivate", "Suspend", "Resume", "Schedule", "Invalidate", "Evict", "Purge", "Expire",
        "Rotate", "Renew", "Claim", "Release", "Refund", "Charge", "Pay", "Transfer", "Deposit", "Withdraw", "Reserve", "Book",
        "Complete", "Finish", "Fail", "Retry");

    private static readonly ImmutableArray<string> GuardVerbs = ImmutableArray.Create(
        "Authorize", "Authenticate", "Ensure", "Validate", "Verify", "Require", "Demand", "Guard", "Assert", "Throw");

    /// <summary>The name says the call changes the entity it names (Save, Update, Delete, Mark, Ban...).</summary>
    public static bool Mutates(IMethodSymbol method) => StartsWithAny(Stem(method.Name), MutatingVerbs);

    /// <summary>A guard: it exists to throw before what follows runs (<c>AuthorizeOrThrowAsync</c>, <c>EnsureUserExistsAsync</c>).</summary>
    public static bool IsGuard(IMethodSymbol method)
    {
        var stem = Stem(method.Name);
        return StartsWithAny(stem, GuardVerbs) || stem.IndexOf("OrThrow", StringComparison.Ordinal) >= 0;
    }

    private static string Stem(string name)
    {
        if (name.EndsWith("Async", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        if (name.StartsWith("Try", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]))
        {
            name = name.Substring(3);
        }

        return name;
    }

    private static bool StartsWithAny(string name, ImmutableArray<string> verbs)
    {
        foreach (var verb in verbs)
        {
            if (name.StartsWith(verb, StringComparison.Ordinal) && (name.Length == verb.Length || char.IsUpper(name[verb.Length])))
            {
                return true;
            }
        }

        return false;
    }
}

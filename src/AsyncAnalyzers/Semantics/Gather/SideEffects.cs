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

    /// <summary>Verbs that announce or send: they change nobody's entity (<see cref="Mutates"/>) but do more than read.</summary>
    private static readonly ImmutableArray<string> AnnouncingVerbs = ImmutableArray.Create("Send", "Post", "Publish", "Push", "Notify", "Emit", "Broadcast");

    /// <summary>Verbs of side effects beyond the entity named: logging, auditing, running or handling something.</summary>
    private static readonly ImmutableArray<string> EffectVerbs = ImmutableArray.Create(
        "Log", "Record", "Track", "Audit", "Raise", "Trigger", "Fire", "Email", "Mail", "Perform", "Run", "Handle", "Invoke", "Dispatch",
        "Adjust", "Revert", "Rollback", "Refresh", "Reload", "Seed", "Migrate", "Initialize", "Init", "Ensure", "Prepare", "Generate", "Issue");

    private static readonly ImmutableArray<string> GuardVerbs = ImmutableArray.Create(
        "Authorize", "Authenticate", "Ensure", "Validate", "Verify", "Require", "Demand", "Guard", "Assert", "Throw");

    /// <summary>Verbs that only look something up: a call named by one of them, and by no changing verb after it, reads.</summary>
    private static readonly ImmutableArray<string> ReadingVerbs = ImmutableArray.Create(
        "Get", "Read", "Find", "Fetch", "Load", "Query", "Count", "List", "Search", "Lookup", "Look", "Download", "Exists", "Is",
        "Has", "Contains", "Check", "Resolve", "Retrieve", "Select", "Calculate", "Compute", "Estimate", "Describe", "Peek", "Head",
        "Inspect", "Browse", "Scan", "Compare", "Match", "Quote", "Price", "Evaluate", "Suggest", "Recommend", "Autocomplete", "Translate", "Render");

    /// <summary>The name says the call changes the entity it names (Save, Update, Delete, Mark, Ban...).</summary>
    public static bool Mutates(IMethodSymbol method) => StartsWithAny(Stem(method.Name), MutatingVerbs);

    /// <summary>
    /// Some word of the name (after <c>Async</c> and <c>Try</c> are removed) says the call changes, sends, logs or runs something:
    /// <c>UpdateLastActivityAsync</c>, <c>LogUserEventAsync</c>, <c>PushLogOutAsync</c>, <c>GetOrAddAsync</c>. Nouns such as
    /// <c>GetSettingsAsync</c> or <c>TwoFactorIsEnabledAsync</c> do not count.
    /// </summary>
    public static bool MayChangeState(IMethodSymbol method)
    {
        var stem = Stem(method.Name);
        for (var start = 0; start < stem.Length; start++)
        {
            if ((start == 0 || char.IsUpper(stem[start]))
                && (StartsWithAny(stem.Substring(start), MutatingVerbs) || StartsWithAny(stem.Substring(start), AnnouncingVerbs) || StartsWithAny(stem.Substring(start), EffectVerbs)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name says the call only reads (<c>GetPriceAsync</c>, <c>ReadAllTextAsync</c>, <c>FindByIdAsync</c>): its first word is a
    /// reading verb and no later word is a changing or announcing one (<c>GetOrAdd</c>, <c>GetAndDelete</c> and <c>LoadAndSend</c> do not read only).
    /// </summary>
    public static bool OnlyReads(IMethodSymbol method)
    {
        var stem = Stem(method.Name);
        if (!StartsWithAny(stem, ReadingVerbs))
        {
            return false;
        }

        for (var start = 1; start < stem.Length; start++)
        {
            if (char.IsUpper(stem[start]) && (StartsWithAny(stem.Substring(start), MutatingVerbs) || StartsWithAny(stem.Substring(start), AnnouncingVerbs)))
            {
                return false;
            }
        }

        return true;
    }

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

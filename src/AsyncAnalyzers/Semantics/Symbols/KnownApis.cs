using System.Linq;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Symbols;

/// <summary>
/// Libraries whose synchronous methods have async twins that are the wrong advice. They are optional references, often absent,
/// so they are recognized by namespace rather than resolved as types (the one place outside AsyncSymbols that reads names).
/// </summary>
internal static class KnownApis
{
    /// <summary>EF Core's Add/AddRange/Attach/AttachRange: the async twins exist only for special value generators.</summary>
    public static bool IsEfCoreTrackingMethod(IMethodSymbol method) =>
        method.Name is "Add" or "AddRange" or "Attach" or "AttachRange" && method.ContainingType.IsInNamespace("Microsoft", "EntityFrameworkCore");

    /// <summary>EF Core's <c>DbSet&lt;T&gt;</c> or a type deriving from it: a query over it runs in the database.</summary>
    public static bool IsEfCoreDbSet(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.Name == "DbSet" && current.Arity == 1 && current.IsInNamespace("Microsoft", "EntityFrameworkCore"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>xUnit, NUnit, MSTest and FluentAssertions: Assert.Throws and Assert.ThrowsAsync test different things.</summary>
    public static bool IsTestAssertionType(INamedTypeSymbol type) =>
        type.IsInNamespace("Xunit") || type.IsInNamespace("NUnit", "Framework") || type.IsInNamespace("Microsoft", "VisualStudio", "TestTools", "UnitTesting")
        || type.IsInNamespace("FluentAssertions");

    /// <summary>
    /// Microsoft.Data.Sqlite: SQLite has no asynchronous I/O, so every async method of the provider runs synchronously
    /// (Microsoft's "Async limitations" page says to prefer the synchronous ones).
    /// </summary>
    public static bool IsSynchronousProvider(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && named.IsInNamespace("Microsoft", "Data", "Sqlite");

    /// <summary>
    /// <c>DbDataReader.IsDBNull</c> and <c>GetFieldValue</c> (and their overrides): they read the current row, which the reader
    /// has already buffered by the time <c>Read</c> returned.
    /// </summary>
    public static bool IsBufferedRowAccessor(IMethodSymbol method)
    {
        if (method.Name is not ("IsDBNull" or "GetFieldValue"))
        {
            return false;
        }

        var root = method.OriginalDefinition;
        while (root.OverriddenMethod is { } overridden)
        {
            root = overridden.OriginalDefinition;
        }

        return IsAdoNetBase(root.ContainingType, "DbDataReader");
    }

    /// <summary>
    /// An async method of <c>DbConnection</c>, <c>DbCommand</c>, <c>DbDataReader</c> or <c>DbTransaction</c> as the base class
    /// implements it: it calls the synchronous method and returns a completed task. A provider that does not override it gains
    /// nothing from the async call.
    /// </summary>
    public static bool IsAdoNetBaseDefault(IMethodSymbol implementation) =>
        !implementation.IsAbstract
        && (IsAdoNetBase(implementation.ContainingType, "DbConnection") || IsAdoNetBase(implementation.ContainingType, "DbCommand")
            || IsAdoNetBase(implementation.ContainingType, "DbDataReader") || IsAdoNetBase(implementation.ContainingType, "DbTransaction"));

    /// <summary>
    /// A command or batch (<c>DbCommand</c>, <c>DbBatch</c> and a provider's): disposing one releases its own in-memory state
    /// (parameters, a prepared handle); the network work is the reader's and the connection's.
    /// </summary>
    public static bool IsAdoNetCommand(ITypeSymbol? type) =>
        type.SelfOrBaseTypeMatches(current => IsAdoNetBase(current, "DbCommand") || IsAdoNetBase(current, "DbBatch"));

    /// <summary>A type of System.Data.Common itself (the provider-neutral base classes), as opposed to a provider's type.</summary>
    public static bool IsAdoNetBaseType(ITypeSymbol? type) => type is INamedTypeSymbol named && named.IsInNamespace("System", "Data", "Common");

    /// <summary>
    /// Npgsql's <c>NpgsqlConnection.BeginTransaction</c>: it sends nothing, the <c>BEGIN</c> goes out in front of the
    /// transaction's first command, so there is no round trip to wait for (its async twin exists for the ADO.NET API).
    /// </summary>
    public static bool IsDeferredTransactionStart(IMethodSymbol method) =>
        method.Name == "BeginTransaction" && method.ContainingType is { Name: "NpgsqlConnection" } type && type.IsInNamespace("Npgsql");

    /// <summary>
    /// FluentValidation's <c>Validate</c> (<c>AbstractValidator&lt;T&gt;</c>, <c>IValidator</c>, its extensions): it runs the
    /// validator's synchronous rules, and throws at once when the validator has an asynchronous one
    /// (<c>AsyncValidatorInvokedSynchronouslyException</c>), so it never waits on I/O; <c>ValidateAsync</c> over synchronous rules
    /// runs the same code.
    /// </summary>
    public static bool IsSynchronousValidation(IMethodSymbol method) =>
        method.Name == "Validate" && method.ContainingType.IsInNamespace("FluentValidation");

    /// <summary>
    /// The entries of one archive (<c>zip.Entries</c> of System.IO.Compression's or SharpCompress's archive, also filtered or
    /// ordered: <c>zip.Entries.Where(e =&gt; !e.IsDirectory)</c>): they all read and write the archive's one stream, so their calls
    /// cannot overlap.
    /// </summary>
    public static bool IsArchiveEntries(IOperation collection)
    {
        var value = collection.WalkDownConversions();
        for (var steps = 0; steps < 8 && value is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ContainingType.Name: "Enumerable" }, Arguments.Length: > 0 } call; steps++)
        {
            value = call.Arguments[0].Value.WalkDownConversions();
        }

        return value is IPropertyReferenceOperation { Property: { Name: "Entries", ContainingType: { } type } }
            && (type.IsInNamespace("System", "IO", "Compression") || type.IsInNamespace("SharpCompress"));
    }

    /// <summary>
    /// Windows Forms' <c>ShowDialog</c>: a modal message loop that keeps pumping the UI thread's messages, not I/O; its async
    /// twin (.NET 9) is <c>[Experimental]</c>.
    /// </summary>
    public static bool IsModalDialog(IMethodSymbol method) =>
        method.Name == "ShowDialog" && method.ContainingType.IsInNamespace("System", "Windows", "Forms");

    /// <summary>
    /// <c>ICommand.Execute</c>: a UI command's entry point; an async command's <c>Execute</c> starts its <c>ExecuteAsync</c> and
    /// returns (CommunityToolkit's <c>AsyncRelayCommand</c>), so it blocks on nothing the async twin would not.
    /// </summary>
    public static bool IsCommandExecute(IMethodSymbol method) =>
        method is { Name: "Execute", Parameters.Length: 1, ContainingType: { } type }
            && (IsCommandInterface(type) || type.AllInterfaces.Any(IsCommandInterface));

    private static bool IsCommandInterface(INamedTypeSymbol type) => type.Name == "ICommand" && type.IsInNamespace("System", "Windows", "Input");

    /// <summary>
    /// Framework awaitables that never end faulted: <c>PeriodicTimer.WaitForNextTickAsync</c> returns false once the timer is
    /// disposed and ends canceled only through its token (<c>Task.Delay</c> and <c>Task.Yield</c> are decided by the callers,
    /// which know the Task type).
    /// </summary>
    public static bool NeverFaults(IMethodSymbol method) =>
        method is { Name: "WaitForNextTickAsync", ContainingType.Name: "PeriodicTimer" } && method.ContainingType.IsInNamespace("System", "Threading");

    /// <summary>
    /// A library's synchronous <c>bool Try...(...)</c> method: <c>headers.TryAddWithoutValidation(name, value)</c>,
    /// <c>writer.TryWrite(item)</c>; the Try pattern reports failure by returning false, not by throwing
    /// (UnobservedFireAndForgetAnalyzerTests.TaskRunLambdaWithTryPatternCallsBeforeCoveredWork_NoDiagnostic).
    /// </summary>
    public static bool IsTryPattern(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, ReturnType.SpecialType: SpecialType.System_Boolean }
        && method.Name.Length > 3 && method.Name.StartsWith("Try", System.StringComparison.Ordinal) && char.IsUpper(method.Name[3]);

    /// <summary>
    /// <c>HttpContext.GetTokenAsync(name)</c>: reads a token out of the request's authentication result, which the authentication
    /// middleware has already computed and cached for the request (the cookie, the bearer header): no I/O to overlap
    /// (IndependentAwaitsAnalyzerTests.TokensReadFromTheRequest_NoDiagnostic).
    /// </summary>
    public static bool ReadsRequestAuthentication(IMethodSymbol method) =>
        method is { Name: "GetTokenAsync", ContainingType.Name: "AuthenticationHttpContextExtensions" } && method.ContainingType.IsInNamespace("Microsoft", "AspNetCore", "Authentication");

    /// <summary>
    /// Library awaitables whose task completes, not cancels, when their token is canceled: an Avalonia animation's
    /// <c>RunAsync(control, token)</c> stops the animation and ends normally
    /// (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsAvaloniaAnimation_NoDiagnostic).
    /// </summary>
    public static bool EndsQuietlyWhenCanceled(IMethodSymbol method) =>
        method.Name == "RunAsync" && method.ContainingType.IsInNamespace("Avalonia", "Animation");

    /// <summary>
    /// Framework calls that do not throw on the objects a method has just made: <c>CancellationTokenSource.Dispose</c>, and the
    /// set-up of a new thread (<c>new Thread(body)</c>, <c>IsBackground</c>, <c>Name</c>, <c>SetApartmentState</c>, <c>Start</c>),
    /// <c>new TaskCompletionSource(...)</c>, and a new collection of System.Collections.
    /// </summary>
    public static bool CannotThrow(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        return type.Name switch
        {
            "CancellationTokenSource" => method.Name == "Dispose" && method.Parameters.Length == 0 && type.IsInNamespace("System", "Threading"),
            "Thread" => method.Name is ".ctor" or "Start" or "SetApartmentState" or "set_IsBackground" or "set_Name" or "set_Priority"
                && type.IsInNamespace("System", "Threading"),
            "TaskCompletionSource" => method.MethodKind == MethodKind.Constructor && type.IsInNamespace("System", "Threading", "Tasks"),

            // var tasks = new List<Task>(): a collection made empty, or with a capacity or the items it is handed
            // (UnobservedFireAndForgetAnalyzerTests.CalleeCollectingTasksAwaitedInsideCatchAll_NoDiagnostic).
            _ => method.MethodKind == MethodKind.Constructor && type.IsInNamespace("System", "Collections"),
        };
    }

    /// <summary>
    /// A <c>void</c> method of a logger: a type or interface named <c>...Logger</c> or <c>ILogger...</c> (the compilation's own logging
    /// abstraction, Serilog's, log4net's). Loggers do not throw at their callers: writing the entry is not the work that fails.
    /// </summary>
    public static bool IsLoggingCall(IMethodSymbol method) =>
        method.ReturnsVoid && method.MethodKind == MethodKind.Ordinary && method.ContainingType is { } type
        && (type.Name.EndsWith("Logger", System.StringComparison.Ordinal) || type.Name.StartsWith("ILogger", System.StringComparison.Ordinal));

    /// <summary>
    /// A method marked <c>[Conditional("DEBUG")]</c> (any symbol): a debug assertion, whose calls the compiler leaves out unless the
    /// symbol is defined; what it throws is a programming error found in debug builds, not a way for work to fail.
    /// </summary>
    public static bool IsConditionalCall(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ConditionalAttribute" } conditional && conditional.IsInNamespace("System", "Diagnostics"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Library calls that fail only on a programming error, never in practice: collections, LINQ over objects, strings, tasks
    /// and synchronization, logging and diagnostics, and the synchronous members of UI frameworks (property sets, collection
    /// edits on the UI thread). Their awaitable members (a dialog's ShowAsync) are not quiet.
    /// </summary>
    public static bool IsQuietLibrary(IMethodSymbol method, bool awaitable)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var (first, second, third) = OuterNamespaces(type);
        switch (first)
        {
            case "System":
                switch (second)
                {
                    case null:
                        // String, Math, Guid, DateTime, TimeSpan, Enum, Object, primitive types (their Parse is decided before).
                        return !awaitable && type.Name is not ("Console" or "Environment" or "AppDomain" or "Activator");
                    case "Collections" or "Linq" or "Text" when third != "Json" && type.Name != "Queryable":
                        return true;

                    // Path is string work, GetFullPath included (on .NET Core it combines with the current directory and fails only on an
                    // empty path or a NUL character; reviewed findings resting on it were false positives), but the temp-file calls ask
                    // the OS; File.Exists and Directory.Exists answer false rather than throw.
                    case "IO" when third is null && ((type.Name == "Path" && method.Name is not ("GetTempFileName" or "GetTempPath"))
                        || (method.Name == "Exists" && type.Name is "File" or "Directory")):
                        return true;

                    // buffer.GetBuffer(), buffer.ToArray(), reader.ReadToEnd() of a MemoryStream, StringReader or StringWriter: memory,
                    // which fails only on misuse. Copying one into another stream writes to that stream, and stays evidence.
                    case "IO" when third is null && type.Name is "MemoryStream" or "StringReader" or "StringWriter":
                        return method.Name is not ("CopyTo" or "CopyToAsync" or "WriteTo");
                    case "Threading":
                        return true;
                    // Process.GetProcessesByName(name), GetCurrentProcess(): a snapshot of the local machine's processes, empty when
                    // none matches. BeginOutputReadLine(), WaitForExit(), WaitForExitAsync() on a process: they throw only when the
                    // process was never started or its output not redirected, a programming error (a token that can be canceled is
                    // read on its own). Starting and killing one stay evidence: the OS can refuse both.
                    case "Diagnostics":
                        return type.Name != "Process"
                            || method.Name is "GetProcessesByName" or "GetProcesses" or "GetCurrentProcess" or "BeginOutputReadLine" or "BeginErrorReadLine"
                                or "CancelOutputRead" or "CancelErrorRead" or "Refresh" or "WaitForExit" or "WaitForExitAsync";
                    case "Runtime":
                        return method.Name != "ThrowExceptionForHR";
                    case "ComponentModel" or "Globalization" or "Numerics" or "Buffers" or "Memory":
                        return true;

                    // httpClientFactory.CreateClient(name): a configured client, made or handed out of the factory's pool; no I/O
                    // (UnobservedFireAndForgetAnalyzerTests.TaskRunLambdaTakingClientFromFactoryBeforeCoveredWork_NoDiagnostic).
                    case "Net" when third == "Http" && method.Name == "CreateClient" && type.Name is "IHttpClientFactory" or "HttpClientFactoryExtensions":
                        return true;
                    case "Windows":
                        return !awaitable;
                }

                return false;
            case "Microsoft":
                return second switch
                {
                    "Extensions" => third is "Logging" or "Options" or "Primitives" or "DependencyInjection",
                    "UI" => !awaitable,

                    // Clients.All.SendAsync(...): a hub's send to its clients. SignalR's connection writer catches a failed write,
                    // logs it and aborts that connection, so the task does not fault (a scale-out backplane's publish can; the rule
                    // pages say so).
                    "AspNetCore" => third == "SignalR" && method.Name is "SendAsync" or "SendCoreAsync",

                    // key.OpenSubKey(path), key.GetValue(name, fallback), key.GetSubKeyNames(): a registry read answers null, the
                    // fallback or what is there; writes and deletes can be refused, and stay evidence.
                    "Win32" => type.Name is "Registry" or "RegistryKey" && method.Name is "OpenSubKey" or "GetValue" or "GetValueKind" or "GetSubKeyNames" or "GetValueNames",
                    _ => false,
                };
            // Launcher.LaunchUriAsync(uri), LaunchFileAsync(file): the launch reports failure through its bool result.
            case "Windows":
                return (second == "UI" && !awaitable) || (second == "System" && type.Name == "Launcher");
            // Avalonia's window.ShowDialog(owner): its task completes when the dialog closes, with the dialog's result, and never
            // faults (the owner checks throw before it is returned); DragDrop.DoDragDropAsync reports a refused drop as
            // DragDropEffects.None; an animation's RunAsync completes when the animation ends or is canceled (it throws only for a
            // looping animation, a programming error). The clipboard's SetTextAsync stays evidence: another process can hold the clipboard.
            case "Avalonia":
                return !awaitable || (type.Name == "Window" && method.Name == "ShowDialog") || (type.Name == "DragDrop" && method.Name == "DoDragDropAsync")
                    || (second == "Animation" && method.Name == "RunAsync");
            case "CommunityToolkit":
                return !awaitable;

            // An intercepted request's AbortAsync/ContinueAsync/RespondAsync: PuppeteerSharp catches and logs the protocol error of a
            // request already gone (a closed page, a canceled load); it throws only when interception is off or the request was
            // already handled, a programming error (UnawaitedTaskAnalyzerTests.InterceptedRequestAbortedWithoutAwait_NoDiagnostic).
            case "PuppeteerSharp":
                return method.Name is "AbortAsync" or "ContinueAsync" or "RespondAsync" && type.Name is "IRequest" or "Request";
        }

        return false;
    }

    /// <summary>
    /// <c>oldClient.Dispose()</c> of a library object that holds no buffered writes: an <c>HttpClient</c>, a handler, a timer, a
    /// socket. Disposal must not throw (the design guidelines say so, and these types keep to it). Not: streams and writers (disposal
    /// flushes what they buffered), database connections and transactions (disposal closes or rolls back over the wire); a type of
    /// the compilation is read, not taken on trust.
    /// </summary>
    public static bool IsQuietDisposal(IMethodSymbol method) =>
        method is { Name: "Dispose", Parameters.Length: 0, ReturnsVoid: true, ContainingType: { } type }
        && type.DeclaringSyntaxReferences.Length == 0
        && !type.SelfOrBaseTypeMatches(current => current.Name.EndsWith("Stream", System.StringComparison.Ordinal)
            || current.Name.EndsWith("Writer", System.StringComparison.Ordinal)
            || current.Name.EndsWith("Connection", System.StringComparison.Ordinal)
            || current.Name.EndsWith("Transaction", System.StringComparison.Ordinal)
            || current.Name.EndsWith("Command", System.StringComparison.Ordinal)
            || current.Name.EndsWith("Reader", System.StringComparison.Ordinal));

    /// <summary>Enumerable.First/Single/Last/ElementAt/Min/Max/Average/Aggregate: they throw on an empty sequence.</summary>
    public static bool ThrowsOnEmpty(IMethodSymbol method) =>
        method is { Name: "First" or "Single" or "Last" or "ElementAt" or "Min" or "Max" or "Average" or "Aggregate", IsStatic: true, ContainingType.Name: "Enumerable" }
        && OuterNamespaces(method.ContainingType) is ("System", "Linq", null)
        && !(method.Name == "Aggregate" && method.Parameters.Length > 2);

    /// <summary>Parsing input: <c>int.Parse</c>, <c>ParseExact</c>, <c>JsonSerializer.Deserialize</c>, <c>JsonElement.GetProperty</c>, <c>Marshal.ThrowExceptionForHR</c>.</summary>
    public static bool IsParse(IMethodSymbol method) =>
        method.Name is "Parse" or "ParseExact" or "Deserialize" or "ThrowExceptionForHR"
        || (method.Name == "GetProperty" && method.ContainingType is { Name: "JsonElement" });

    /// <summary>Namespaces whose every call does I/O: files, network, databases, the registry, processes, WinRT storage.</summary>
    public static bool IsInputOutputNamespace(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var (first, second, _) = OuterNamespaces(type);
        return first switch
        {
            "System" => (second is "IO" && type.Name is not ("Path" or "StringReader" or "StringWriter" or "MemoryStream")) || second is "Net" or "Data" || type.Name == "Process",
            "Microsoft" => second is "Data" or "Win32" or "EntityFrameworkCore",
            "Windows" => second is "Storage" or "Networking" or "Web",
            "Npgsql" or "MySqlConnector" or "Dapper" or "StackExchange" => true,
            _ => false,
        };
    }

    /// <summary>The outermost three namespace names of a type (null where it has fewer), without building a string.</summary>
    private static (string? First, string? Second, string? Third) OuterNamespaces(INamedTypeSymbol type)
    {
        string? first = null, second = null, third = null;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            third = second;
            second = first;
            first = ns.Name;
        }

        return (first, second, third);
    }

    private static bool IsAdoNetBase(INamedTypeSymbol? type, string name) =>
        type is not null && type.Name == name && type.IsInNamespace("System", "Data", "Common");
}

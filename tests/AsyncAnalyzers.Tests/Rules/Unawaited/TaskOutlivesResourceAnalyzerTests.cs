using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.TaskOutlivesResourceAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class TaskOutlivesResourceAnalyzerTests
{
    [Fact]
    public async Task UsingDeclaration_ReceiverIsResource_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(string url)
                {
                    using var client = new HttpClient();
                    return {|#0:client.GetStringAsync(url)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC205").WithLocation(0).WithArguments("M", "client"));
    }

    [Fact]
    public async Task UsingStatement_EmbeddedReturn_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                ValueTask<int> M(string path, byte[] buffer)
                {
                    using (var stream = File.OpenRead(path))
                        return [|stream.ReadAsync(buffer)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ResourcePassedAsArgument_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using var stream = File.OpenRead(path);
                    return [|InitArchive(stream, 1)|];
                }

                Task InitArchive(Stream stream, int format) => stream.FlushAsync();
            }
            """);
    }

    [Fact]
    public async Task DerivedLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(string path)
                {
                    using var stream = File.OpenRead(path);
                    var reader = new StreamReader(stream);
                    return [|reader.ReadToEndAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task TaskStoredInLocalThenReturned_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, byte[] data)
                {
                    using (var stream = File.Create(path))
                    {
                        var write = stream.WriteAsync(data, 0, data.Length);
                        return [|write|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LambdaCapturesResource_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<long> M(string path)
                {
                    using var stream = File.OpenRead(path);
                    return [|Task.Run(() => stream.Length)|];
                }
            }
            """);
    }

    [Fact]
    public async Task CancellationTokenOfDisposedSource_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    return [|Task.Delay(1000, cts.Token)|];
                }
            }
            """);
    }

    [Fact]
    public async Task NestedUsings_OuterResource_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, byte[] data)
                {
                    using (var stream = File.Create(path))
                    {
                        using (var other = new MemoryStream())
                        {
                            other.Write(data, 0, data.Length);
                            return [|stream.FlushAsync()|];
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TryFinallyDispose_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    var stream = File.OpenRead(path);
                    try
                    {
                        return [|stream.CopyToAsync(Stream.Null)|];
                    }
                    finally
                    {
                        stream?.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SemaphoreReleasedInFinally_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                Task M()
                {
                    _gate.Wait();
                    try
                    {
                        return {|#0:SaveAsync()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                Task SaveAsync() => Task.Delay(1);
            }
            """, VerifyCS.Diagnostic("ASYNC205").WithLocation(0).WithArguments("M", "_gate"));
    }

    [Fact]
    public async Task LocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    return Copy();

                    Task Copy()
                    {
                        using var stream = File.OpenRead(path);
                        return [|stream.CopyToAsync(Stream.Null)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Lambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> M() => path =>
                {
                    using var stream = File.OpenRead(path);
                    return [|stream.CopyToAsync(Stream.Null)|];
                };
            }
            """);
    }

    [Fact]
    public async Task ValueTaskMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                ValueTask M(string path, byte[] data)
                {
                    using var stream = File.Create(path);
                    return [|stream.WriteAsync(data)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnInCatch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using var stream = File.OpenRead(path);
                    try
                    {
                        stream.ReadByte();
                        return Task.CompletedTask;
                    }
                    catch (IOException)
                    {
                        return [|stream.FlushAsync()|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsLocalFunction_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                await Copy("a.txt");

                static Task Copy(string path)
                {
                    using var stream = File.OpenRead(path);
                    return [|stream.CopyToAsync(Stream.Null)|];
                }
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task MemoryOfPooledOwner_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Buffers;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                ValueTask<int> M(Stream stream)
                {
                    using var owner = MemoryPool<byte>.Shared.Rent(4096);
                    return [|stream.ReadAsync(owner.Memory)|];
                }
            }
            """);
    }

    // ---- no diagnostic ----

    [Fact]
    public async Task SpanOfResourceHandedToCallee_NoDiagnostic()
    {
        // A span cannot outlive the call it is handed to (a ref struct cannot be kept on the heap or captured): the callee copies
        // what it needs before it returns its task, and the native buffer may be freed then.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;
            using System.Threading.Tasks;

            sealed class NativeBuffer : SafeHandle
            {
                public NativeBuffer() : base(IntPtr.Zero, true) { }
                public override bool IsInvalid => handle == IntPtr.Zero;
                protected override bool ReleaseHandle() => true;
                public unsafe ReadOnlySpan<byte> AsSpan(int length) => new((void*)handle, length);
            }

            class Session
            {
                ValueTask OnProposalsAsync(NativeBuffer received, int length)
                {
                    using (received)
                    {
                        if (!received.IsInvalid)
                            return SendAsync(received.AsSpan(length));

                        return default;
                    }
                }

                ValueTask SendAsync(ReadOnlySpan<byte> payload)
                {
                    var copy = ArrayPool<byte>.Shared.Rent(payload.Length);
                    payload.CopyTo(copy);
                    return new ValueTask(Task.Run(() => ArrayPool<byte>.Shared.Return(copy)));
                }
            }
            """);
    }

    [Fact]
    public async Task UnrelatedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using var stream = File.OpenRead(path);
                    stream.ReadByte();
                    return Task.Delay(100);
                }
            }
            """);
    }

    [Fact]
    public async Task CompletedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<long> M(string path)
                {
                    using var stream = File.OpenRead(path);
                    return Task.FromResult(stream.Length);
                }

                Task N(string path)
                {
                    using (var stream = File.OpenRead(path))
                    {
                        stream.ReadByte();
                        return Task.CompletedTask;
                    }
                }

                ValueTask<long> O(string path)
                {
                    using var stream = File.OpenRead(path);
                    return new ValueTask<long>(stream.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path, byte[] buffer)
                {
                    using var stream = File.OpenRead(path);
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }

                async Task<Task> N(string path)
                {
                    await Task.Yield();
                    using var stream = File.OpenRead(path);
                    return stream.FlushAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedWithConfigureAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(string url)
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(url).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task MaterializedValue_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using var reader = new StreamReader(path);
                    var text = reader.ReadToEnd();
                    return SaveAsync(text, reader.BaseStream.Length);
                }

                Task N(string path)
                {
                    using var reader = new StreamReader(path);
                    return SaveAsync(reader.ReadToEnd(), 0);
                }

                Task SaveAsync(string text, long length) => Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task ReturnBeforeUsingDeclaration_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Stream _cached;

                Task M(string path)
                {
                    if (_cached != null)
                    {
                        return _cached.FlushAsync();
                    }

                    using var stream = File.OpenRead(path);
                    stream.ReadByte();
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnInLambdaInsideUsing_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                void M(string path, Action<Func<Task>> register)
                {
                    using var stream = File.OpenRead(path);
                    Func<Task> later = () => { return Task.Delay(1); };
                    register(later);
                }
            }
            """);
    }

    [Fact]
    public async Task UsingOnValueWithoutVariable_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                IDisposable Enter() => null;

                Task M()
                {
                    using (Enter())
                    {
                        return Task.Delay(1);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task OwnershipTransferred_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    Stream stream = File.OpenRead(path);
                    try
                    {
                        var task = Consume(stream);
                        stream = null;
                        return task;
                    }
                    finally
                    {
                        stream?.Dispose();
                    }
                }

                Task Consume(Stream stream) => stream.CopyToAsync(Stream.Null);
            }
            """);
    }

    [Fact]
    public async Task LockStatement_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly object _sync = new object();
                private Task _loading;

                Task M()
                {
                    lock (_sync)
                    {
                        return _loading ??= LoadAsync();
                    }
                }

                Task N()
                {
                    lock (_sync)
                    {
                        return LoadAsync();
                    }
                }

                Task LoadAsync() => Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task LockGuardsCachedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                private readonly ConcurrentDictionary<string, Task<int>> _cache = new ConcurrentDictionary<string, Task<int>>();

                Task<int> M(string key)
                {
                    _gate.Wait();
                    try
                    {
                        return _cache.GetOrAdd(key, k => Task.FromResult(k.Length));
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task NonTaskReturnType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                object M(string path)
                {
                    using var stream = File.OpenRead(path);
                    return stream.FlushAsync();
                }

                int N(string path)
                {
                    using var stream = File.OpenRead(path);
                    return stream.ReadByte();
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                using var stream = File.OpenRead("a.txt");
                await stream.FlushAsync();
                return;
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task FinallyDisposesOtherVariable_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, Stream output)
                {
                    var scratch = new MemoryStream();
                    try
                    {
                        return output.FlushAsync();
                    }
                    finally
                    {
                        scratch.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnInLocalFunctionOfUsingMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                void M(string path)
                {
                    using var stream = File.OpenRead(path);
                    stream.ReadByte();

                    static Task Later() { return Task.Delay(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task EmptyDispose_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            sealed class Handler : IDisposable
            {
                public Task<int> ReadAsync() => Task.FromResult(1);
                public void Dispose()
                {
                }
            }

            class C
            {
                Task<int> M()
                {
                    using var handler = new Handler();
                    return Read(handler);
                }

                Task<int> Read(Handler handler) => handler.ReadAsync();
            }
            """);
    }

    [Fact]
    public async Task NonEmptyDisposeOfSourceType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            sealed class Handler : IDisposable
            {
                public bool Closed;
                public Task<int> ReadAsync() => Task.FromResult(1);
                public void Dispose()
                {
                    Closed = true;
                }
            }

            class C
            {
                Task<int> M()
                {
                    using var handler = new Handler();
                    return [|Read(handler)|];
                }

                Task<int> Read(Handler handler) => handler.ReadAsync();
            }
            """);
    }

    [Fact]
    public async Task ReleaseUnderOwnershipFlag_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                Task<int> M(IEnumerable<Task<int>> items)
                {
                    var enumerator = items.GetEnumerator();
                    var disposeEnumerator = true;
                    try
                    {
                        while (enumerator.MoveNext())
                        {
                            if (!enumerator.Current.IsCompleted)
                            {
                                disposeEnumerator = false;
                                return Rest(enumerator);
                            }
                        }
                    }
                    finally
                    {
                        if (disposeEnumerator)
                            enumerator.Dispose();
                    }

                    return Task.FromResult(0);
                }

                Task N()
                {
                    _gate.Wait();
                    var release = true;
                    try
                    {
                        var work = Task.Delay(1);
                        release = false;
                        return work.ContinueWith(_ => _gate.Release());
                    }
                    finally
                    {
                        if (release)
                        {
                            _gate.Release();
                        }
                    }
                }

                async Task<int> Rest(IEnumerator<Task<int>> enumerator)
                {
                    using (enumerator)
                    {
                        return await enumerator.Current;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task BrokenCode_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using var stream = File.OpenRead(path);
                    return stream.{|CS1001:|}{|CS1002:|}
                }
            }
            """);
    }
}

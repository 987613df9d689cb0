using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.AllAnalyzersVerifier;

namespace AsyncAnalyzers.Tests.Overlap;

/// <summary>Boundaries between the Unawaited rules, the compiler's CS4014 and the Blocking rules.</summary>
public class UnawaitedOverlapTests
{
    [Fact]
    public async Task DroppedCallInAsyncMethod_IsCompilerCs4014Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync() => System.IO.File.AppendAllTextAsync("log.txt", "sent");

                async Task M()
                {
                    {|CS4014:SendAsync()|};
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task DroppedConditionalCallInAsyncMethod_IsAsync201Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync() => System.IO.File.AppendAllTextAsync("log.txt", "sent");

                async Task M(C other)
                {
                    {|ASYNC201:other?.SendAsync()|};
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task DroppedTaskRunInSyncMethod_IsAsync201Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    {|ASYNC201:Task.Run(() => System.IO.File.ReadAllText("data.txt"))|};
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncLambdaPassedToForEach_IsAsync203Only()
    {
        await Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync(int x) => System.IO.File.AppendAllTextAsync("log.txt", x.ToString());

                void M(List<int> items)
                {
                    items.ForEach({|ASYNC203:async x =>|} await SendAsync(x));
                }
            }
            """);
    }

    [Fact]
    public async Task TaskStoredAndForgottenInSyncMethod_IsAsync204Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync() => System.IO.File.AppendAllTextAsync("log.txt", "sent");

                void M()
                {
                    var {|ASYNC204:pending = SendAsync()|};
                }
            }
            """);
    }

    [Fact]
    public async Task UnderscoreLocalNeverMentioned_IsAsync402Only()
    {
        // `var _ = ...` is the spelling of `_ =` from before C# 7: a discard, whose lost exceptions are ASYNC402's; a task local with
        // a real name that is never read may be a forgotten await, and stays ASYNC204's.
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync() => System.IO.File.AppendAllTextAsync("log.txt", "sent");

                void M()
                {
                    var {|ASYNC402:_ = SendAsync()|};
                    var {|ASYNC204:pending = SendAsync()|};
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingOnStoredTask_IsAsync104NotAsync204()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CountAsync() => (await System.IO.File.ReadAllLinesAsync("data.txt")).Length;

                int M()
                {
                    var pending = CountAsync();
                    return {|ASYNC104:pending.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task DroppedCallInTopLevelStatementsWithoutAwait_IsReportedOnce()
    {
        await Verify.VerifyAsync(
            """
            using System.Threading.Tasks;

            {|CS4014:Task.Delay(1)|};
            System.Console.WriteLine();
            """,
            Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task DroppedInterlockedExchangeOfTask_NoDiagnostic()
    {
        await Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private Task _current = Task.CompletedTask;
                private readonly Queue<Task> _queue = new();

                void Swap(Task next)
                {
                    Interlocked.Exchange(ref _current, next);
                    _queue.Dequeue();
                }
            }
            """);
    }

    [Fact]
    public async Task TaskReturnedFromUsing_IsAsync205Only()
    {
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                Task<string> A(string url)
                {
                    using var client = new HttpClient();
                    return {|ASYNC205:client.GetStringAsync(url)|};
                }

                Task B(string path, byte[] data)
                {
                    using (var stream = File.Create(path))
                    {
                        var write = stream.WriteAsync(data, 0, data.Length);
                        return {|ASYNC205:write|};
                    }
                }

                Task C1(Stream log, byte[] data)
                {
                    _gate.Wait();
                    try
                    {
                        return {|ASYNC205:log.WriteAsync(data, 0, data.Length)|};
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
    public async Task FixedTaskReturnedFromUsing_IsNoneOrAsync105()
    {
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> A(string url)
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(url);
                }

                async Task<int> B(string path, byte[] buffer)
                {
                    using var stream = File.OpenRead(path);
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task NullReturnedAsTask_IsAsync206Only()
    {
        await Verify.VerifyAsync("""
            #nullable disable
            using System.Threading.Tasks;

            class C
            {
                Task M(bool ready, Task work) => ready ? {|ASYNC206:null|} : work;
                Task<string> N() { return {|ASYNC206:null|}; }
            }
            """);
    }

    [Fact]
    public async Task NullReturnedAsNonNullableTask_IsAsync206AndTheCompilersNullableWarning()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() => {|CS8603:{|ASYNC206:null|}|};
                Task N() => {|ASYNC206:null!|};
                Task? O() => null;
            }
            """);
    }

    [Fact]
    public async Task AwaitedStartNewOfAsyncLambda_IsAsync207Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    {|ASYNC207:await Task.Factory.StartNew(async () => await Task.Delay(100))|};
                    {|ASYNC207:await Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning)|};
                }
            }
            """);
    }

    [Fact]
    public async Task UnawaitedStartNewOfAsyncLambda_IsCompilerCs4014NotAsync207()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    {|CS4014:Task.Factory.StartNew(async () => await Task.Delay(100))|};
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedWhenAny_NoDiagnostic()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task work)
                {
                    await Task.WhenAny(work, Task.Delay(1000));
                    await await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task ValueTaskAwaitedTwice_IsAsync208Only()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    var read = stream.ReadAsync(buffer.AsMemory());
                    var count = await read;
                    return count + {|ASYNC208:await read|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAsTaskOfValueTask_IsAsync208Only()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    var read = stream.ReadAsync(buffer.AsMemory());
                    await Task.WhenAny(read.AsTask(), Task.Delay(100));
                    return {|ASYNC208:read.Result|};
                }

                Task<int>? _pending;

                int N(Stream stream, byte[] buffer)
                {
                    var read = stream.ReadAsync(buffer.AsMemory());
                    _pending = read.AsTask();
                    return {|ASYNC208:read.GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfValueTaskNotKnownComplete_IsAsync101InAsyncCodeAsync208InSyncCode()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    var read = stream.ReadAsync(buffer.AsMemory());
                    return {|ASYNC101:read.Result|};
                }

                int N(Stream stream, byte[] buffer)
                {
                    var read = stream.ReadAsync(buffer.AsMemory());
                    return {|ASYNC208:read.GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfOwnAsyncValueTaskMethod_IsAsync104()
    {
        // The private async ValueTask method's task is Task-backed: blocking on it is plain sync-over-async, not a pooled-source misuse.
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                int Measure(Stream stream) => {|ASYNC104:CountAsync(stream).Result|};

                private async ValueTask<int> CountAsync(Stream stream) => await stream.ReadAsync(new byte[16]);
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfValueTaskWhereAsync104IsSilent_IsAsync208Only()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class Journal : IDisposable, IAsyncDisposable
            {
                private readonly Stream _stream = File.OpenRead("journal.bin");

                public void Dispose() => {|ASYNC208:DisposeAsync().GetAwaiter().GetResult()|};

                public ValueTask DisposeAsync() => _stream.DisposeAsync();

                public static void Main()
                {
                    using var stream = File.OpenRead("data.bin");
                    var read = stream.ReadAsync(new byte[16].AsMemory());
                    Console.WriteLine({|ASYNC208:read.Result|});
                    Console.WriteLine({|ASYNC208:stream.ReadAsync(new byte[16].AsMemory()).ConfigureAwait(false).GetAwaiter().GetResult()|});
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfTaskInSyncCode_StaysAsync104()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                string M(string path) => {|ASYNC104:File.ReadAllTextAsync(path).Result|};

                int N(Stream stream, byte[] buffer) => {|ASYNC208:stream.ReadAsync(buffer.AsMemory()).Result|} + {|ASYNC104:stream.ReadAsync(buffer.AsMemory()).AsTask().Result|};
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfValueTaskInLambdas_SyncLambdaIsAsync208AsyncLambdaIsAsync101()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task<int[]> M(Stream[] streams, byte[] buffer)
                {
                    await Task.Yield();
                    Func<Stream, Task<int>> read = async s =>
                    {
                        await Task.Yield();
                        return {|ASYNC101:s.ReadAsync(buffer.AsMemory()).Result|};
                    };
                    await read(streams[0]);
                    return streams.Select(s => {|ASYNC208:s.ReadAsync(buffer.AsMemory()).Result|}).ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfCompletedValueTask_NoAsync208AndItsAsTaskSlowPathIsAsync104()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            enum IOBehavior { Synchronous, Asynchronous }

            class C
            {
                private readonly Stream _stream = File.OpenRead("packets.bin");

                public int ReadPacket() => ReadPacketAsync(IOBehavior.Synchronous).GetAwaiter().GetResult();

                public ValueTask<int> ReadPacketAsync() => ReadPacketAsync(IOBehavior.Asynchronous);

                private async ValueTask<int> ReadPacketAsync(IOBehavior ioBehavior)
                {
                    var buffer = new byte[4];
                    return ioBehavior == IOBehavior.Asynchronous
                        ? await _stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)
                        : _stream.Read(buffer, 0, 4);
                }

                int Fast(byte[] buffer)
                {
                    var read = _stream.ReadAsync(buffer.AsMemory());
                    return read.IsCompletedSuccessfully ? read.Result : {|ASYNC104:read.AsTask().GetAwaiter().GetResult()|};
                }

                int Constructed() => ValueTask.FromResult(1).Result + new ValueTask<int>(2).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task ValueTaskLocalNeverConsumed_IsAsync204Only()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream, byte[] buffer)
                {
                    var {|ASYNC204:write = stream.WriteAsync(buffer.AsMemory())|};
                    await stream.FlushAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task ValueTaskFastPathThenAwait_NoDiagnostic()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask<int> M(Stream stream, byte[] buffer)
                {
                    var read = stream.ReadAsync(buffer.AsMemory());
                    if (read.IsCompletedSuccessfully)
                    {
                        return read.Result;
                    }

                    return await read.ConfigureAwait(false);
                }
            }
            """);
    }
}

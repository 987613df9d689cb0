using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public sealed class AsyncVoidMethod
{
    private int _loaded;

    public async void Reload() // ASYNC202
    {
        await Task.Delay(10);
        _loaded++;
    }

    public async Task ReloadFixedAsync()
    {
        await Task.Delay(10);
        _loaded++;
    }

    public int Loaded => _loaded;
}

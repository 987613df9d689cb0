using System.Threading.Tasks;

namespace ValidCode.App;

public static class Program
{
    public static int Main(string[] args)
    {
        return RunAsync(args).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string[] args)
    {
        await Task.Yield();
        return args.Length;
    }
}

using System.Text;
using Mirage.Runtime;
using Mirage.Runtime.Git;
using Mirage.Runtime.Git.Store;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>
/// Clones <c>--remote</c> into memory with git-kv and prints <c>--filename</c> of its branch
/// (mirage-skeleton's applications/git). Exits 0 having printed it, 1 when the remote cannot be
/// cloned or holds no such file, 64 for a remote that is not a git URL.
/// </summary>
public sealed class Main(GitClient client, string remote, string filename) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!GitUrl.TryParse(remote, out _, out var urlError))
        {
            Log.Error($"--remote: {urlError}");
            throw new UnikernelExitException(64);
        }
        if (!Key.TryParse(filename, out var key, out var keyError))
        {
            Log.Error($"--filename: {keyError}");
            throw new UnikernelExitException(64);
        }
        GitKv store;
        try
        {
            store = await GitKv.ConnectAsync(client, remote, cancellationToken);
        }
        catch (Exception e) when (e is GitRemoteException or GitFormatException or IOException)
        {
            Log.Error($"cloning {remote} failed: {e.Message}");
            throw new UnikernelExitException(1);
        }
        Log.Info($"{remote}: at commit {store.Head?.ToString() ?? "(none: empty branch)"}");
        var contents = await store.GetAsync(key, cancellationToken);
        if (!contents.TryGetValue(out var data, out var error))
        {
            Log.Error($"{filename}: {error}");
            throw new UnikernelExitException(1);
        }
        Console.Out.Write(Encoding.UTF8.GetString(data.Span));
        await Console.Out.FlushAsync(cancellationToken);
    }
}

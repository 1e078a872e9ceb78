using Mirage.Runtime;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>
/// Logs every file of the store, depth first in name order, as <c>PATH SIZE bytes sha256 DIGEST</c>;
/// then writes the file <paramref name="cat"/>, if given, to the console. Exits 1 if a read fails.
/// </summary>
public sealed class Files(IKvRo store, string? cat) : IJob
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await ListAsync(Key.Empty, cancellationToken);
        Log.Info($"{count} file(s)");
        if (cat is not null)
        {
            if (!Key.TryParse(cat, out var key, out var why))
            {
                throw Fail($"--cat={cat}: {why}");
            }
            var bytes = Check(await store.GetAsync(key, cancellationToken));
            using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(bytes, cancellationToken);
        }
    }

    private async Task<int> ListAsync(Key folder, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var entry in Check(await store.ListAsync(folder, cancellationToken)).OrderBy(e => e.Key.Basename, StringComparer.Ordinal))
        {
            if (entry.Kind == KvEntryKind.Dictionary)
            {
                count += await ListAsync(entry.Key, cancellationToken);
                continue;
            }
            var size = Check(await store.SizeAsync(entry.Key, cancellationToken));
            var digest = Check(await store.DigestAsync(entry.Key, cancellationToken));
            Log.Info($"{entry.Key} {size} bytes sha256 {Convert.ToHexStringLower(digest)}");
            count++;
        }
        return count;
    }

    private static T Check<T>(KvResult<T> result) =>
        result.TryGetValue(out var value, out var error) ? value : throw Fail($"{error}");

    private static UnikernelExitException Fail(string message)
    {
        Log.Error(message);
        return new UnikernelExitException(1);
    }
}

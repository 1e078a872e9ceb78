using System.Text;
using Mirage.Runtime;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>
/// Lists the notes kept under <c>notes/</c> (numbered 0001, 0002, ...), then keeps
/// <paramref name="note"/> as the next one. Exits 1 if the store fails.
/// </summary>
public sealed class Notes(IKvRw store, string? note) : IJob
{
    private static readonly Key Folder = Key.Parse("notes");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var kept = new List<KvEntry>();
        if ((await store.ExistsAsync(Folder, cancellationToken)).Value is KvEntryKind.Dictionary)
        {
            kept.AddRange(Check(await store.ListAsync(Folder, cancellationToken)));
        }
        foreach (var entry in kept)
        {
            var text = Check(await store.GetAsync(entry.Key, cancellationToken));
            Log.Info($"note {entry.Key.Basename}: {Encoding.UTF8.GetString(text.Span)}");
        }
        if (note is not null)
        {
            var next = Folder / $"{kept.Count + 1:D4}";
            if (await store.SetAsync(next, Encoding.UTF8.GetBytes(note), cancellationToken) is { } error)
            {
                Fail($"{error}");
            }
            Log.Info($"kept note {next.Basename}");
        }
        Log.Info($"{kept.Count + (note is null ? 0 : 1)} note(s) kept");
    }

    private static T Check<T>(KvResult<T> result) =>
        result.TryGetValue(out var value, out var error) ? value : throw Fail($"{error}");

    private static UnikernelExitException Fail(string message)
    {
        Log.Error(message);
        throw new UnikernelExitException(1);
    }
}

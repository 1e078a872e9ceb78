using System.Runtime.CompilerServices;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>
/// Counters of a layer, one per value of <typeparamref name="TReason"/> (a dense enum from 0): what it
/// received, and every kind of frame it dropped and why. Updated atomically.
/// </summary>
public sealed class DropCounters<TReason>
    where TReason : struct, Enum
{
    private readonly long[] _counts = new long[Enum.GetValues<TReason>().Length];

    /// <summary>Counts one event of <paramref name="reason"/>.</summary>
    public void Count(TReason reason) => Interlocked.Increment(ref _counts[Index(reason)]);

    /// <summary>Counts <paramref name="times"/> events of <paramref name="reason"/> at once.</summary>
    public void Count(TReason reason, int times) => Interlocked.Add(ref _counts[Index(reason)], times);

    /// <summary>How many events of <paramref name="reason"/> so far.</summary>
    public long this[TReason reason] => Interlocked.Read(ref _counts[Index(reason)]);

    /// <summary>Every counter, for logs and tests.</summary>
    public override string ToString() =>
        string.Join(", ", Enum.GetValues<TReason>().Where(r => this[r] != 0).Select(r => $"{r}={this[r]}"));

    private static int Index(TReason reason) => Unsafe.As<TReason, int>(ref reason);
}

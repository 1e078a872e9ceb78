using System.Diagnostics.Metrics;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// What the runtime's stores publish (meter <c>Mirage.KeyValue</c>): reads (<c>get</c>,
/// <c>get_partial</c>), writes (<c>set</c>, <c>set_partial</c>, <c>remove</c>, <c>rename</c>) and those
/// of either that failed (a missing key included), for the monitoring devices and any .NET listener.
/// A store counts by passing its operations' results through <see cref="Read{T}"/> and <see cref="Write"/>.
/// </summary>
internal static class KvMetrics
{
    private static readonly Meter Meter = new("Mirage.KeyValue");
    private static readonly Counter<long> Reads = Meter.CreateCounter<long>("mirage.kv.reads", "{operation}", "Key/value reads (get, get_partial)");
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>("mirage.kv.writes", "{operation}", "Key/value writes (set, set_partial, remove, rename)");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("mirage.kv.errors", "{operation}", "Key/value reads and writes that failed, missing keys included");

    /// <summary>Counts the read <paramref name="operation"/> when it completes.</summary>
    public static ValueTask<KvResult<T>> Read<T>(ValueTask<KvResult<T>> operation)
    {
        return operation.IsCompletedSuccessfully ? new(Count(operation.Result)) : Awaited(operation);

        static async ValueTask<KvResult<T>> Awaited(ValueTask<KvResult<T>> operation) => Count(await operation.ConfigureAwait(false));

        static KvResult<T> Count(KvResult<T> result)
        {
            Reads.Add(1);
            if (!result.IsOk)
            {
                Errors.Add(1);
            }
            return result;
        }
    }

    /// <summary>Counts the write <paramref name="operation"/> when it completes.</summary>
    public static ValueTask<KvError?> Write(ValueTask<KvError?> operation)
    {
        return operation.IsCompletedSuccessfully ? new(Count(operation.Result)) : Awaited(operation);

        static async ValueTask<KvError?> Awaited(ValueTask<KvError?> operation) => Count(await operation.ConfigureAwait(false));

        static KvError? Count(KvError? error)
        {
            Writes.Add(1);
            if (error is not null)
            {
                Errors.Add(1);
            }
            return error;
        }
    }
}

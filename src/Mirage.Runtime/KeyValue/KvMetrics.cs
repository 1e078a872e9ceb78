using System.Diagnostics.Metrics;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// What key/value stores publish (meter <c>Mirage.KeyValue</c>), counted around any store by
/// <see cref="CountedKvRo"/> and <see cref="CountedKvRw"/>, so the stores themselves count nothing:
/// reads (<c>get</c>, <c>get_partial</c>) and the bytes they returned, writes (<c>set</c>,
/// <c>set_partial</c>, <c>remove</c>, <c>rename</c>, <c>allocate</c>) and the bytes given to them,
/// lookups (<c>exists</c>, <c>list</c>, <c>last_modified</c>, <c>digest</c>, <c>size</c>), and the
/// operations of any kind that failed (a missing key included). An operation that throws (a bug,
/// cancellation) is not counted.
/// </summary>
public sealed class KvMetrics
{
    private readonly Counter<long> _reads;
    private readonly Counter<long> _readBytes;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _writtenBytes;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _errors;

    /// <summary>The instruments of <paramref name="meter"/> (tests pass their own; stores use <see cref="Shared"/>).</summary>
    public KvMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _reads = meter.CreateCounter<long>("mirage.kv.reads", "{operation}", "Key/value reads (get, get_partial)");
        _readBytes = meter.CreateCounter<long>("mirage.kv.read_bytes", "By", "Bytes returned by key/value reads");
        _writes = meter.CreateCounter<long>("mirage.kv.writes", "{operation}", "Key/value writes (set, set_partial, remove, rename, allocate)");
        _writtenBytes = meter.CreateCounter<long>("mirage.kv.written_bytes", "By", "Bytes given to key/value writes (set, set_partial)");
        _lookups = meter.CreateCounter<long>("mirage.kv.lookups", "{operation}", "Key/value lookups (exists, list, last_modified, digest, size)");
        _errors = meter.CreateCounter<long>("mirage.kv.errors", "{operation}", "Key/value operations that failed, missing keys included");
    }

    /// <summary>The runtime's instruments, meter <c>Mirage.KeyValue</c>.</summary>
    public static KvMetrics Shared { get; } = new(new Meter("Mirage.KeyValue"));

    /// <summary>Counts the read <paramref name="operation"/> and the bytes it returned when it completes.</summary>
    internal ValueTask<KvResult<ReadOnlyMemory<byte>>> Read(ValueTask<KvResult<ReadOnlyMemory<byte>>> operation) =>
        operation.IsCompletedSuccessfully ? new(Read(operation.Result)) : ReadAwaited(operation);

    /// <summary>Counts the lookup <paramref name="operation"/> when it completes.</summary>
    internal ValueTask<KvResult<T>> Lookup<T>(ValueTask<KvResult<T>> operation) =>
        operation.IsCompletedSuccessfully ? new(Lookup(operation.Result)) : LookupAwaited(operation);

    /// <summary>Counts the write <paramref name="operation"/> of <paramref name="bytes"/> bytes when it completes.</summary>
    internal ValueTask<KvError?> Write(ValueTask<KvError?> operation, long bytes = 0) =>
        operation.IsCompletedSuccessfully ? new(Write(operation.Result, bytes)) : WriteAwaited(operation, bytes);

    private async ValueTask<KvResult<ReadOnlyMemory<byte>>> ReadAwaited(ValueTask<KvResult<ReadOnlyMemory<byte>>> operation) =>
        Read(await operation.ConfigureAwait(false));

    private async ValueTask<KvResult<T>> LookupAwaited<T>(ValueTask<KvResult<T>> operation) =>
        Lookup(await operation.ConfigureAwait(false));

    private async ValueTask<KvError?> WriteAwaited(ValueTask<KvError?> operation, long bytes) =>
        Write(await operation.ConfigureAwait(false), bytes);

    private KvResult<ReadOnlyMemory<byte>> Read(KvResult<ReadOnlyMemory<byte>> result)
    {
        _reads.Add(1);
        if (result.IsOk)
        {
            _readBytes.Add(result.Value.Length);
        }
        else
        {
            _errors.Add(1);
        }
        return result;
    }

    private KvResult<T> Lookup<T>(KvResult<T> result)
    {
        _lookups.Add(1);
        if (!result.IsOk)
        {
            _errors.Add(1);
        }
        return result;
    }

    private KvError? Write(KvError? error, long bytes)
    {
        _writes.Add(1);
        if (error is not null)
        {
            _errors.Add(1);
        }
        else if (bytes > 0)
        {
            _writtenBytes.Add(bytes);
        }
        return error;
    }
}

using System.Threading.Channels;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// A bounded queue of encoded messages between the reporters (which never wait) and the sender.
/// When it is full the newest message is dropped, not an older one, so what reaches the collector is
/// a prefix of each outage's messages, and every drop is counted.
/// </summary>
internal sealed class SyslogQueue
{
    private readonly Channel<byte[]> _channel;
    private long _dropped;
    private long _queued;

    public SyslogQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _channel = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    public int Capacity { get; }

    /// <summary>Messages dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages accepted.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Messages waiting.</summary>
    public int Count => _channel.Reader.Count;

    public ChannelReader<byte[]> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="message"/> without waiting; false (and counted) when full or closed.</summary>
    public bool TryAdd(byte[] message)
    {
        if (_channel.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _queued);
            return true;
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();
}

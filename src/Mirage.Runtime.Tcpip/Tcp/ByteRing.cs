namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// A fixed-capacity ring of bytes addressed by offset from its start: the send buffer (unacknowledged and unsent
/// bytes) and the receive buffer (unread and out-of-order bytes) of a connection. Allocated once, never grown.
/// </summary>
public sealed class ByteRing(int capacity)
{
    private readonly byte[] _bytes = new byte[capacity];
    private int _start;

    /// <summary>How many bytes it holds at most.</summary>
    public int Capacity => _bytes.Length;

    /// <summary>Copies <paramref name="data"/> to <paramref name="offset"/> from the start (within the capacity).</summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> data)
    {
        var at = (_start + offset) % _bytes.Length;
        var first = Math.Min(data.Length, _bytes.Length - at);
        data[..first].CopyTo(_bytes.AsSpan(at));
        data[first..].CopyTo(_bytes);
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/>, as up to two spans.</summary>
    public void Slice(int offset, int length, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        var at = (_start + offset) % _bytes.Length;
        var n = Math.Min(length, _bytes.Length - at);
        first = _bytes.AsSpan(at, n);
        second = _bytes.AsSpan(0, length - n);
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/>, as up to two memories.</summary>
    public void Slice(int offset, int length, out ReadOnlyMemory<byte> first, out ReadOnlyMemory<byte> second)
    {
        var at = (_start + offset) % _bytes.Length;
        var n = Math.Min(length, _bytes.Length - at);
        first = _bytes.AsMemory(at, n);
        second = _bytes.AsMemory(0, length - n);
    }

    /// <summary>Moves the start forward by <paramref name="count"/> bytes.</summary>
    public void Advance(int count) => _start = (_start + count) % _bytes.Length;
}

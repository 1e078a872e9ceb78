using Mirage.Runtime.Block;

namespace Mirage.Runtime.Tar;

/// <summary>
/// A block device as a read-only seekable stream, for System.Formats.Tar's reader: it seeks over
/// the data of entries, so indexing an archive reads only its headers. A device error is an
/// <see cref="IOException"/> saying so.
/// </summary>
internal sealed class BlockStream(IBlock block) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => block.Info.SizeBytes;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = (int)Math.Clamp(Length - _position, 0, buffer.Length);
        if (count == 0)
        {
            return 0;
        }
        if (await BlockBytes.ReadAsync(block, _position, buffer[..count], cancellationToken).ConfigureAwait(false) is { } error)
        {
            throw new IOException($"reading byte {_position} of the block device: {error}");
        }
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

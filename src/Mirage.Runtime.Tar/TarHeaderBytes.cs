using System.Formats.Tar;

namespace Mirage.Runtime.Tar;

/// <summary>
/// The 512-byte ustar header of a regular file, made by System.Formats.Tar's writer. Ustar only, as
/// tar-mirage writes: one header block per entry, so a rename rewrites it in place.
/// </summary>
internal static class TarHeaderBytes
{
    private const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The header of <paramref name="name"/>, <paramref name="size"/> bytes, modified at <paramref name="modified"/>.</summary>
    /// <exception cref="ArgumentException">The name does not fit ustar's 100-byte name and 155-byte prefix.</exception>
    public static byte[] Make(string name, long size, DateTimeOffset modified)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            ModificationTime = modified,
            Mode = FileMode,
            DataStream = new ZeroStream(size),
        };
        var capture = new HeaderCapture();
        using (var writer = new TarWriter(capture, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(entry);
        }
        return capture.Header;
    }

    /// <summary>Stands for the data when only its length matters to the writer.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Clamp(length - Position, 0, count);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Keeps the first block written and drops the rest (the data and the end marker).</summary>
    private sealed class HeaderCapture : Stream
    {
        private long _written;

        public byte[] Header { get; } = new byte[TarBlocks.Size];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written < Header.Length)
            {
                var n = (int)Math.Min(Header.Length - _written, buffer.Length);
                buffer[..n].CopyTo(Header.AsSpan((int)_written));
            }
            _written += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

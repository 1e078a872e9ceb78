using System.IO.Compression;

namespace Mirage.Runtime.Git.Packs;

/// <summary>
/// zlib streams inside packs. A pack gives each object's inflated size but not its compressed one,
/// so the next object starts where this stream ends: ZLibStream reads ahead, so it is fed one byte
/// at a time and the bytes it took are exactly the stream.
/// </summary>
internal static class Zlib
{
    private const int InitialBuffer = 1 << 16;

    /// <summary>Inflates the stream at <paramref name="start"/>, which must make exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Inflate(ReadOnlyMemory<byte> data, int start, long size, string where, out int consumed)
    {
        var source = new TrickleStream(data, start);
        // The declared size is the peer's word: the buffer grows as bytes really come.
        var output = new byte[Math.Min(size, InitialBuffer)];
        try
        {
            using var zlib = new ZLibStream(source, CompressionMode.Decompress, leaveOpen: true);
            var read = 0;
            while (read < size)
            {
                if (read == output.Length)
                {
                    Array.Resize(ref output, (int)Math.Min(size, (long)output.Length * 2));
                }
                var n = zlib.Read(output, read, output.Length - read);
                if (n == 0)
                {
                    throw new GitFormatException($"{where}: the zlib stream ends after {read} of the {size} bytes declared");
                }
                read += n;
            }
            // Drives the inflater over the stream's end (and its checksum); one byte more is a lie about the size.
            Span<byte> extra = stackalloc byte[1];
            if (zlib.Read(extra) != 0)
            {
                throw new GitFormatException($"{where}: the zlib stream inflates to more than the {size} bytes declared");
            }
        }
        catch (InvalidDataException e)
        {
            throw new GitFormatException($"{where}: not a valid zlib stream ({e.Message})");
        }
        consumed = source.Offset - start;
        return output;
    }

    /// <summary>The zlib stream of <paramref name="data"/> (git's default level).</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return buffer.ToArray();
    }

    private sealed class TrickleStream(ReadOnlyMemory<byte> data, int start) : Stream
    {
        private int _position = start;

        public int Offset => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty || _position >= data.Length)
            {
                return 0;
            }
            buffer[0] = data.Span[_position++];
            return 1;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

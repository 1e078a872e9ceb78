using System.IO.Compression;

namespace Mirage.Runtime.Git.Packs;

/// <summary>
/// zlib streams inside packs. A pack gives each object's inflated size but not its compressed one,
/// and ZLibStream reads ahead without saying how much of its input the stream took. So the input
/// is fed in chunks: the stream ends inside the last chunk read, and there its last four bytes are
/// the Adler-32 of what it inflated to. When that checksum occurs once in the last chunk, that is
/// the end; when it occurs more than once (about once in a million objects), the object is inflated
/// again one input byte at a time, which finds the end exactly.
/// </summary>
internal static class Zlib
{
    private const int InitialBuffer = 1 << 16;

    // Small enough that a checksum rarely occurs twice in a chunk by chance, large enough that
    // ZLibStream's cost per read is spread over many bytes.
    private const int Chunk = 4096;

    /// <summary>Inflates the stream at <paramref name="start"/>, which must make exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Inflate(ReadOnlyMemory<byte> data, int start, long size, string where, out int consumed)
    {
        var source = new ChunkStream(data, start, Chunk);
        var output = Inflate(source, size, where);
        var checksum = Adler32(output);
        var end = -1;
        var span = data.Span;
        // The end is after the last chunk's first byte and at most its last; the checksum ends there.
        for (var at = Math.Max(start + 2, source.Offset - source.LastRead - 3); at + 4 <= source.Offset; at++)
        {
            if (span[at] == (byte)(checksum >> 24) && span[at + 1] == (byte)(checksum >> 16)
                && span[at + 2] == (byte)(checksum >> 8) && span[at + 3] == (byte)checksum)
            {
                if (end >= 0)
                {
                    return InflateExactly(data, start, size, where, out consumed);
                }
                end = at + 4;
            }
        }
        if (end < 0)
        {
            // zlib checks the checksum itself, so a valid stream always has it.
            return InflateExactly(data, start, size, where, out consumed);
        }
        consumed = end - start;
        return output;
    }

    /// <summary>The zlib stream of <paramref name="data"/> (git's default level).</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        // ZLibStream writes nothing at all when given nothing; git needs a stream even for the empty blob.
        if (data.IsEmpty)
        {
            return [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        }
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return buffer.ToArray();
    }

    /// <summary>The Adler-32 checksum zlib ends its streams with.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var block = data[..Math.Min(data.Length, 5552)];
            foreach (var x in block)
            {
                a += x;
                b += a;
            }
            (a, b) = (a % Modulus, b % Modulus);
            data = data[block.Length..];
        }
        return (b << 16) | a;
    }

    // One byte at a time: every byte ZLibStream took is the stream's.
    private static byte[] InflateExactly(ReadOnlyMemory<byte> data, int start, long size, string where, out int consumed)
    {
        var source = new ChunkStream(data, start, 1);
        var output = Inflate(source, size, where);
        consumed = source.Offset - start;
        return output;
    }

    private static byte[] Inflate(ChunkStream source, long size, string where)
    {
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
        return output;
    }

    /// <summary>The pack from an offset on, at most <c>chunk</c> bytes a read; remembers how many the last read gave.</summary>
    private sealed class ChunkStream(ReadOnlyMemory<byte> data, int start, int chunk) : Stream
    {
        private int _position = start;

        public int Offset => _position;

        public int LastRead { get; private set; }

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
            var n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
            if (n <= 0)
            {
                return 0;
            }
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            LastRead = n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

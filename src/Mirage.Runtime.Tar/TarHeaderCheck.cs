using Mirage.Runtime.Block;

namespace Mirage.Runtime.Tar;

/// <summary>
/// What System.Formats.Tar's reader does not check, checked on the headers of each entry before it
/// reads them: every header's checksum (it ignores them), and the size of pax and GNU long-name
/// headers (it reads their whole data into memory, so a hostile size would allocate gigabytes).
/// </summary>
internal static class TarHeaderCheck
{
    /// <summary>The largest pax or long-name data accepted: far more than any real name and attributes.</summary>
    public const int MaxMetadata = 1 << 20;

    private const int SizeField = 124;
    private const int ChecksumField = 148;
    private const int FieldLength = 12;
    private const int ChecksumLength = 8;
    private const int TypeFlag = 156;

    /// <summary>Checks the headers of the entry from <paramref name="offset"/>: its metadata headers, then its own.</summary>
    /// <exception cref="InvalidDataException">A checksum does not match, or a metadata header is too large; the message says where.</exception>
    /// <exception cref="IOException">The device failed.</exception>
    public static async ValueTask CheckAsync(IBlock block, long offset, CancellationToken cancellationToken)
    {
        var header = new byte[TarBlocks.Size];
        while (offset + TarBlocks.Size <= block.Info.SizeBytes)
        {
            if (await BlockBytes.ReadAsync(block, offset, header, cancellationToken).ConfigureAwait(false) is { } error)
            {
                throw new IOException($"reading the tar header at byte {offset}: {error}");
            }
            if (!header.AsSpan().ContainsAnyExcept((byte)0))
            {
                return; // the end of the archive
            }
            if (!ChecksumMatches(header))
            {
                throw Damaged(offset, "the header's checksum does not match its bytes");
            }
            if (header[TypeFlag] is not ((byte)'x' or (byte)'g' or (byte)'L' or (byte)'K'))
            {
                return;
            }
            var size = Octal(header.AsSpan(SizeField, FieldLength));
            if (size is null or > MaxMetadata)
            {
                throw Damaged(offset, $"a '{(char)header[TypeFlag]}' metadata header claims more than {MaxMetadata} bytes");
            }
            offset += TarBlocks.Size + TarBlocks.Padded(size.Value);
        }
    }

    /// <summary>The stored checksum is the sum of the header's bytes, its own field counted as spaces (unsigned, or signed as old tars summed).</summary>
    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        if (Octal(header.Slice(ChecksumField, ChecksumLength)) is not { } stored)
        {
            return false;
        }
        long unsigned = ' ' * ChecksumLength, signed = ' ' * ChecksumLength;
        for (var i = 0; i < header.Length; i++)
        {
            if (i is < ChecksumField or >= ChecksumField + ChecksumLength)
            {
                unsigned += header[i];
                signed += (sbyte)header[i];
            }
        }
        return stored == unsigned || stored == signed;
    }

    /// <summary>An octal field (spaces and NULs around the digits); null when it is not one or is past <see cref="int.MaxValue"/>.</summary>
    private static long? Octal(ReadOnlySpan<byte> field)
    {
        var digits = field.Trim((byte)' ').Trim((byte)0).Trim((byte)' ');
        if (digits.IsEmpty)
        {
            return null;
        }
        long value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'7' || value > int.MaxValue)
            {
                return null;
            }
            value = value * 8 + (digit - '0');
        }
        return value;
    }

    /// <summary>The error for a damaged archive: where, and what is wrong.</summary>
    public static InvalidDataException Damaged(long offset, string detail) =>
        new($"the tar archive on the block device is damaged at byte {offset}: {detail}");
}

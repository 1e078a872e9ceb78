namespace Mirage.Runtime.Git.Packs;

/// <summary>
/// Git's delta format: the base's size and the result's size (7-bit varints), then copies from the
/// base (offset and length) and inserts of literal bytes. Every copy is checked against the base and
/// the result against its declared size, so a hostile delta is an error, never a read out of range.
/// </summary>
public static class Delta
{
    /// <summary>The result's declared size, read from the delta's header.</summary>
    public static long ResultSize(ReadOnlySpan<byte> delta, string where)
    {
        var position = 0;
        _ = ReadSize(delta, ref position, where);
        return ReadSize(delta, ref position, where);
    }

    /// <summary>Applies <paramref name="delta"/> to <paramref name="baseData"/>; the result may be at most <paramref name="maxSize"/> bytes.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> baseData, ReadOnlySpan<byte> delta, long maxSize, string where)
    {
        var position = 0;
        var baseSize = ReadSize(delta, ref position, where);
        if (baseSize != baseData.Length)
        {
            throw new GitFormatException($"{where}: the delta expects a base of {baseSize} bytes, the base has {baseData.Length}");
        }
        var resultSize = ReadSize(delta, ref position, where);
        if (resultSize > maxSize)
        {
            throw new GitFormatException($"{where}: the delta makes {resultSize} bytes, over the limit of {maxSize}");
        }
        var result = new byte[resultSize];
        var written = 0;
        while (position < delta.Length)
        {
            var op = delta[position++];
            if ((op & 0x80) != 0)
            {
                long offset = 0, length = 0;
                for (var i = 0; i < 4; i++)
                {
                    if ((op & (1 << i)) != 0)
                    {
                        offset |= (long)Next(delta, ref position, where) << (8 * i);
                    }
                }
                for (var i = 0; i < 3; i++)
                {
                    if ((op & (0x10 << i)) != 0)
                    {
                        length |= (long)Next(delta, ref position, where) << (8 * i);
                    }
                }
                if (length == 0)
                {
                    length = 0x10000;
                }
                if (offset + length > baseData.Length || written + length > result.Length)
                {
                    throw new GitFormatException(
                        $"{where}: a delta copy of {length} bytes at {offset} falls outside the base ({baseData.Length} bytes) or the result ({result.Length})");
                }
                baseData.Slice((int)offset, (int)length).CopyTo(result.AsSpan(written));
                written += (int)length;
            }
            else if (op != 0)
            {
                if (position + op > delta.Length || written + op > result.Length)
                {
                    throw new GitFormatException($"{where}: a delta insert of {op} bytes runs past the delta or the result");
                }
                delta.Slice(position, op).CopyTo(result.AsSpan(written));
                position += op;
                written += op;
            }
            else
            {
                throw new GitFormatException($"{where}: delta opcode 0 is reserved");
            }
        }
        if (written != result.Length)
        {
            throw new GitFormatException($"{where}: the delta makes {written} bytes, not the {resultSize} it declares");
        }
        return result;
    }

    private static byte Next(ReadOnlySpan<byte> delta, ref int position, string where) =>
        position < delta.Length ? delta[position++] : throw new GitFormatException($"{where}: the delta ends inside an instruction");

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int position, string where)
    {
        long size = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 56)
            {
                throw new GitFormatException($"{where}: a delta size does not fit in 64 bits");
            }
            var b = Next(delta, ref position, where);
            size |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return size;
            }
        }
    }
}

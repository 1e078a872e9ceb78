using System.Text;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>What a pkt-line is: data, or one of the special packets of protocol v2.</summary>
public enum PktKind
{
    /// <summary>A line of data.</summary>
    Data,

    /// <summary>0000: the end of a message.</summary>
    Flush,

    /// <summary>0001: the end of a section (v2).</summary>
    Delimiter,

    /// <summary>0002: the end of a response (v2, stateless transports).</summary>
    ResponseEnd,
}

/// <summary>One pkt-line: four hex digits of length (itself included), then the payload.</summary>
public readonly record struct PktLine(PktKind Kind, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The largest payload: 65520 bytes in all, less the four digits.</summary>
    public const int MaxPayload = 65516;

    /// <summary>A flush packet.</summary>
    public static PktLine Flush => new(PktKind.Flush, default);

    /// <summary>A delimiter packet.</summary>
    public static PktLine Delimiter => new(PktKind.Delimiter, default);

    /// <summary>The payload as text without its trailing newline.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span).TrimEnd('\n');

    /// <summary>The line's bytes on the wire.</summary>
    public byte[] Encode()
    {
        switch (Kind)
        {
            case PktKind.Flush:
                return "0000"u8.ToArray();
            case PktKind.Delimiter:
                return "0001"u8.ToArray();
            case PktKind.ResponseEnd:
                return "0002"u8.ToArray();
        }
        if (Payload.Length > MaxPayload)
        {
            throw new ArgumentException($"a pkt-line holds at most {MaxPayload} bytes, not {Payload.Length}");
        }
        var bytes = new byte[Payload.Length + 4];
        Encoding.ASCII.GetBytes((Payload.Length + 4).ToString("x4")).CopyTo(bytes, 0);
        Payload.Span.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    /// <summary>A data line of <paramref name="text"/> (give it its newline).</summary>
    public static PktLine Of(string text) => new(PktKind.Data, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The payload length announced by a pkt-line's four digits, or the special kind; malformed
    /// digits and the lengths 3 and over 65520 are errors.
    /// </summary>
    public static (PktKind Kind, int PayloadLength) ParseLength(ReadOnlySpan<byte> digits)
    {
        var length = 0;
        foreach (var d in digits[..4])
        {
            var v = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => d - 'A' + 10,
                _ => throw new GitFormatException($"a pkt-line: '{Printable(digits[..4])}' is not four hex digits of length"),
            };
            length = (length * 16) + v;
        }
        return length switch
        {
            0 => (PktKind.Flush, 0),
            1 => (PktKind.Delimiter, 0),
            2 => (PktKind.ResponseEnd, 0),
            3 => throw new GitFormatException("a pkt-line: length 3 is not allowed"),
            > MaxPayload + 4 => throw new GitFormatException($"a pkt-line: length {length} is over 65520"),
            _ => (PktKind.Data, length - 4),
        };
    }

    /// <summary>Decodes the first pkt-line of <paramref name="buffer"/>; false when it is not all there yet.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> buffer, out PktLine line, out int consumed)
    {
        line = default;
        consumed = 0;
        if (buffer.Length < 4)
        {
            return false;
        }
        var (kind, length) = ParseLength(buffer.Span);
        if (buffer.Length < 4 + length)
        {
            return false;
        }
        line = new PktLine(kind, buffer.Slice(4, length));
        consumed = 4 + length;
        return true;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(bytes.ToArray().Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:x2}"));
}

using System.Buffers.Binary;

namespace Mirage.Runtime.Tcpip.Wire;

/// <summary>One SACK block (RFC 2018): the sequence numbers [<see cref="Left"/>, <see cref="Right"/>) were received.</summary>
public readonly record struct SackBlock(uint Left, uint Right);

/// <summary>
/// The TCP options we read and write: MSS (RFC 9293), window scale and timestamps (RFC 7323), SACK-permitted and
/// SACK blocks (RFC 2018). Unknown options are skipped on parse and never written. At most
/// <see cref="MaxSackBlocks"/> SACK blocks are kept; the writer sends as many as fit in 40 bytes.
/// </summary>
public readonly record struct TcpOptions
{
    /// <summary>The most SACK blocks an option can carry (4 without timestamps, 3 with).</summary>
    public const int MaxSackBlocks = 4;

    /// <summary>The largest window shift (RFC 7323 §2.3); larger values are read as this.</summary>
    public const byte MaxWindowScale = 14;

    /// <summary>The most option bytes a header holds.</summary>
    public const int MaxLength = 40;

    private const byte EndKind = 0, NopKind = 1, MssKind = 2, WindowScaleKind = 3, SackPermittedKind = 4, SackKind = 5, TimestampKind = 8;

    /// <summary>Maximum segment size, 0 when absent.</summary>
    public ushort Mss { get; init; }

    /// <summary>Window shift, -1 when absent.</summary>
    public sbyte WindowScale { get; init; }

    /// <summary>Whether SACK-permitted is present.</summary>
    public bool SackPermitted { get; init; }

    /// <summary>Whether the timestamps option is present.</summary>
    public bool HasTimestamps { get; init; }

    /// <summary>TSval.</summary>
    public uint TimestampValue { get; init; }

    /// <summary>TSecr.</summary>
    public uint TimestampEcho { get; init; }

    /// <summary>How many SACK blocks are present (0 to <see cref="MaxSackBlocks"/>).</summary>
    public int SackCount { get; init; }

    /// <summary>The SACK blocks, in order (those past <see cref="SackCount"/> are default).</summary>
    public SackBlock Sack0 { get; init; }

    /// <inheritdoc cref="Sack0"/>
    public SackBlock Sack1 { get; init; }

    /// <inheritdoc cref="Sack0"/>
    public SackBlock Sack2 { get; init; }

    /// <inheritdoc cref="Sack0"/>
    public SackBlock Sack3 { get; init; }

    /// <summary>No options.</summary>
    public static TcpOptions None => new() { WindowScale = -1 };

    /// <summary>The SACK block at <paramref name="index"/>.</summary>
    public SackBlock Sack(int index) => index switch
    {
        0 => Sack0,
        1 => Sack1,
        2 => Sack2,
        3 => Sack3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>These options with <paramref name="block"/> appended (ignored when already full).</summary>
    public TcpOptions WithSack(SackBlock block) => SackCount switch
    {
        0 => this with { Sack0 = block, SackCount = 1 },
        1 => this with { Sack1 = block, SackCount = 2 },
        2 => this with { Sack2 = block, SackCount = 3 },
        3 => this with { Sack3 = block, SackCount = 4 },
        _ => this,
    };

    /// <summary>These options with the handshake's MSS (0: none), window shift (-1: none) and SACK-permitted.</summary>
    public TcpOptions With(ushort mss, sbyte windowScale, bool sackPermitted) =>
        this with { Mss = mss, WindowScale = windowScale, SackPermitted = sackPermitted };

    /// <summary>These options with only the first <paramref name="count"/> SACK blocks.</summary>
    public TcpOptions WithSackCount(int count) => count switch
    {
        <= 0 => this with { SackCount = 0, Sack0 = default, Sack1 = default, Sack2 = default, Sack3 = default },
        1 => this with { SackCount = Math.Min(SackCount, 1), Sack1 = default, Sack2 = default, Sack3 = default },
        2 => this with { SackCount = Math.Min(SackCount, 2), Sack2 = default, Sack3 = default },
        3 => this with { SackCount = Math.Min(SackCount, 3), Sack3 = default },
        _ => this,
    };

    /// <summary>These options with timestamps.</summary>
    public TcpOptions WithTimestamps(uint value, uint echo) =>
        this with { HasTimestamps = true, TimestampValue = value, TimestampEcho = echo };

    /// <summary>How many SACK blocks are written: those that fit beside the other options.</summary>
    public int SackBlocksThatFit
    {
        get
        {
            var room = MaxLength - (FixedLength + 4);
            return Math.Max(0, Math.Min(SackCount, room / 8));
        }
    }

    /// <summary>The options' length without SACK blocks, padded to words.</summary>
    private int FixedLength =>
        (Mss != 0 ? 4 : 0) + (HasTimestamps ? 12 : SackPermitted ? 4 : 0) + (WindowScale >= 0 ? 4 : 0);

    /// <summary>The options' length on the wire (a multiple of 4, at most 40).</summary>
    public int Length
    {
        get
        {
            var sacks = SackBlocksThatFit;
            return FixedLength + (sacks > 0 ? 4 + (8 * sacks) : 0);
        }
    }

    /// <summary>Reads the options area of a header; false when an option's length is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> area, out TcpOptions options)
    {
        options = None;
        while (!area.IsEmpty)
        {
            var kind = area[0];
            if (kind == EndKind)
            {
                break;
            }
            if (kind == NopKind)
            {
                area = area[1..];
                continue;
            }
            if (area.Length < 2 || area[1] < 2 || area[1] > area.Length)
            {
                return false;
            }
            var length = area[1];
            var body = area[2..length];
            switch (kind)
            {
                case MssKind when length == 4:
                    options = options with { Mss = BinaryPrimitives.ReadUInt16BigEndian(body) };
                    break;
                case WindowScaleKind when length == 3:
                    options = options with { WindowScale = (sbyte)Math.Min(body[0], MaxWindowScale) };
                    break;
                case SackPermittedKind when length == 2:
                    options = options with { SackPermitted = true };
                    break;
                case TimestampKind when length == 10:
                    options = options.WithTimestamps(BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
                    break;
                case SackKind when (length - 2) % 8 == 0 && length > 2:
                    for (var i = 0; i + 8 <= body.Length; i += 8)
                    {
                        options = options.WithSack(new SackBlock(BinaryPrimitives.ReadUInt32BigEndian(body[i..]), BinaryPrimitives.ReadUInt32BigEndian(body[(i + 4)..])));
                    }
                    break;
                case MssKind or WindowScaleKind or SackPermittedKind or TimestampKind or SackKind:
                    return false;
                default:
                    break;
            }
            area = area[length..];
        }
        return true;
    }

    /// <summary>Writes the options (<see cref="Length"/> bytes) at the start of <paramref name="area"/>.</summary>
    public int Write(Span<byte> area)
    {
        var at = 0;
        if (Mss != 0)
        {
            area[at++] = MssKind;
            area[at++] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(area[at..], Mss);
            at += 2;
        }
        if (SackPermitted && HasTimestamps)
        {
            area[at++] = SackPermittedKind;
            area[at++] = 2;
            at = WriteTimestamps(area, at);
        }
        else if (HasTimestamps)
        {
            area[at++] = NopKind;
            area[at++] = NopKind;
            at = WriteTimestamps(area, at);
        }
        else if (SackPermitted)
        {
            area[at++] = NopKind;
            area[at++] = NopKind;
            area[at++] = SackPermittedKind;
            area[at++] = 2;
        }
        if (WindowScale >= 0)
        {
            area[at++] = NopKind;
            area[at++] = WindowScaleKind;
            area[at++] = 3;
            area[at++] = (byte)WindowScale;
        }
        var sacks = SackBlocksThatFit;
        if (sacks > 0)
        {
            area[at++] = NopKind;
            area[at++] = NopKind;
            area[at++] = SackKind;
            area[at++] = (byte)(2 + (8 * sacks));
            for (var i = 0; i < sacks; i++)
            {
                var block = Sack(i);
                BinaryPrimitives.WriteUInt32BigEndian(area[at..], block.Left);
                BinaryPrimitives.WriteUInt32BigEndian(area[(at + 4)..], block.Right);
                at += 8;
            }
        }
        return at;
    }

    private int WriteTimestamps(Span<byte> area, int at)
    {
        area[at++] = TimestampKind;
        area[at++] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(area[at..], TimestampValue);
        BinaryPrimitives.WriteUInt32BigEndian(area[(at + 4)..], TimestampEcho);
        return at + 8;
    }
}

using System.Buffers.Binary;

namespace Mirage.Runtime.Chamelon.Format;

/// <summary>
/// chamelon's modification time: user attribute 0x74, 12 bytes: whole days since the Unix epoch
/// (32-bit) and picoseconds into the day (64-bit), little-endian (a Ptime span).
/// </summary>
internal static class Timestamp
{
    /// <summary>The user attribute's type.</summary>
    public const int AttributeType = 0x74;

    private const long PicosecondsPerTick = 100_000;

    /// <summary>The attribute's bytes for <paramref name="time"/>.</summary>
    public static byte[] Encode(DateTimeOffset time)
    {
        var since = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var days = Math.DivRem(since, TimeSpan.TicksPerDay, out var ticks);
        if (ticks < 0)
        {
            days--;
            ticks += TimeSpan.TicksPerDay;
        }
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)days);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4), (ulong)(ticks * PicosecondsPerTick));
        return bytes;
    }

    /// <summary>The time an attribute holds; the epoch when it is missing or malformed.</summary>
    public static DateTimeOffset Decode(byte[]? bytes)
    {
        if (bytes is null || bytes.Length < 12)
        {
            return DateTimeOffset.UnixEpoch;
        }
        var days = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var picoseconds = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(4));
        var ticks = ((long)days * TimeSpan.TicksPerDay) + (long)Math.Min(picoseconds / PicosecondsPerTick, (ulong)TimeSpan.TicksPerDay);
        var utc = DateTimeOffset.UnixEpoch.UtcTicks + ticks;
        return utc < DateTimeOffset.MinValue.UtcTicks || utc > DateTimeOffset.MaxValue.UtcTicks
            ? DateTimeOffset.UnixEpoch
            : new DateTimeOffset(utc, TimeSpan.Zero);
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>
/// The keyed hashes behind initial sequence numbers (RFC 6528: ISN = M + F(4-tuple, secret), M a 4 µs clock) and
/// SYN cookies (RFC 4987): HMAC-SHA256 over the tuple with a random per-stack key, so a peer can guess neither.
/// </summary>
public sealed class TcpSecrets
{
    /// <summary>The MSS values a cookie can carry (its 3-bit index).</summary>
    private static readonly ushort[] CookieMss = [536, 1220, 1360, 1400, 1440, 1460, 4312, 8960];

    /// <summary>A cookie's counter ticks every 64 s; cookies older than two ticks are refused.</summary>
    private const long CookieTickMs = 64_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private uint Hash(in TcpTuple tuple, uint extra1, uint extra2)
    {
        Span<byte> input = stackalloc byte[44];
        BinaryPrimitives.WriteUInt128BigEndian(input, tuple.LocalAddress);
        BinaryPrimitives.WriteUInt128BigEndian(input[16..], tuple.RemoteAddress);
        BinaryPrimitives.WriteUInt16BigEndian(input[32..], tuple.LocalPort);
        BinaryPrimitives.WriteUInt16BigEndian(input[34..], tuple.RemotePort);
        BinaryPrimitives.WriteUInt32BigEndian(input[36..], extra1);
        BinaryPrimitives.WriteUInt32BigEndian(input[40..], extra2);
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, digest);
        return BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    /// <summary>The initial sequence number for <paramref name="tuple"/> at <paramref name="nowMs"/> (RFC 6528).</summary>
    public uint InitialSequence(in TcpTuple tuple, long nowMs) => (uint)(nowMs * 250) + Hash(tuple, 0, 0);

    /// <summary>A per-connection timestamp offset (RFC 7323 §7.1), so TSval reveals no uptime.</summary>
    public uint TimestampOffset(in TcpTuple tuple) => Hash(tuple, 1, 1);

    /// <summary>The SYN cookie answering a SYN with sequence <paramref name="peerIsn"/> and MSS <paramref name="peerMss"/>.</summary>
    public uint Cookie(in TcpTuple tuple, uint peerIsn, int peerMss, long nowMs)
    {
        var tick = (uint)(nowMs / CookieTickMs);
        var index = CookieMss.Length - 1;
        while (index > 0 && CookieMss[index] > peerMss)
        {
            index--;
        }
        return (Hash(tuple, peerIsn, tick) & 0xFFFF_FF00u) | ((tick & 0x1F) << 3) | (uint)index;
    }

    /// <summary>Checks the cookie an ACK returns (its acknowledgment minus one); the MSS it carried, or 0 when forged or stale.</summary>
    public int CheckCookie(in TcpTuple tuple, uint peerIsn, uint cookie, long nowMs)
    {
        var now = (uint)(nowMs / CookieTickMs);
        for (var age = 0u; age <= 1; age++)
        {
            var tick = now - age;
            if (((cookie >> 3) & 0x1F) == (tick & 0x1F) && (Hash(tuple, peerIsn, tick) & 0xFFFF_FF00u) == (cookie & 0xFFFF_FF00u))
            {
                return CookieMss[cookie & 7];
            }
        }
        return 0;
    }
}

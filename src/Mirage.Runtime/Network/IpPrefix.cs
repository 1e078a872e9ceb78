using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network;

/// <summary>
/// An address with the length of its network prefix, as upstream's <c>Ipaddr.Prefix</c>:
/// <c>10.0.0.2/24</c> keeps the host part (unlike <see cref="IPNetwork"/>, which drops it).
/// </summary>
public readonly record struct IpPrefix(IPAddress Address, int Length)
{
    /// <summary>Any IPv4 address: <c>0.0.0.0/0</c> (upstream's <c>Ipaddr.V4.Prefix.global</c>).</summary>
    public static readonly IpPrefix AnyV4 = new(IPAddress.Any, 0);

    /// <summary>The network part alone.</summary>
    public IPNetwork Network => new(Mask(Address, Length), Length);

    /// <summary>Whether the address is the unspecified one (bind to every address).</summary>
    public bool IsUnspecified => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary>Whether <paramref name="address"/> is in the prefix's network.</summary>
    public bool Contains(IPAddress address) => Network.Contains(address);

    /// <summary>Reads <c>ADDRESS/LENGTH</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IpPrefix? prefix)
    {
        prefix = null;
        var slash = text.IndexOf('/');
        if (slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address))
        {
            return false;
        }
        var digits = text.AsSpan(slash + 1);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9') || !int.TryParse(digits, out var length) || length > max)
        {
            return false;
        }
        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>Reads <c>ADDRESS/LENGTH</c>, or throws <see cref="FormatException"/>.</summary>
    public static IpPrefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix.Value : throw new FormatException($"invalid IP prefix '{text}'");

    private static IPAddress Mask(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var count);
        bytes = bytes[..count];
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{Length}";
}

using System.Net;

namespace Mirage.Runtime.Network;

/// <summary>One option of a DHCP message (RFC 2132): its code and the bytes of its value.</summary>
public sealed record DhcpOption(byte Code, byte[] Value);

/// <summary>
/// The options of the DHCP lease a unikernel holds (upstream's <c>lease</c>, charrua's
/// <c>Dhcp_wire.dhcp_option list option</c>): <see cref="None"/> when no lease was asked for (a static address,
/// <c>--ipv6-only</c>, the host's sockets), else every option of the server's DHCPACK, for the devices that asked
/// for one (<c>make_dhcp_requests</c>, <c>add_dhcp_request</c>): the DNS client reads its nameservers here.
/// </summary>
public sealed class DhcpLeaseOptions
{
    /// <summary>The DNS servers option (RFC 2132 §3.8).</summary>
    public const byte DnsServersCode = 6;

    /// <summary>No lease (upstream's <c>None</c>, <c>no_lease</c>).</summary>
    public static readonly DhcpLeaseOptions None = new(null);

    private readonly IReadOnlyList<DhcpOption>? _options;

    private DhcpLeaseOptions(IReadOnlyList<DhcpOption>? options) => _options = options;

    /// <summary>A lease whose DHCPACK carried <paramref name="options"/>.</summary>
    public static DhcpLeaseOptions Of(IReadOnlyList<DhcpOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DhcpLeaseOptions(options);
    }

    /// <summary>Whether a lease is held (upstream's <c>Some _</c>).</summary>
    public bool IsLease => _options is not null;

    /// <summary>The lease's options, in the order the server sent them; empty without a lease.</summary>
    public IReadOnlyList<DhcpOption> Options => _options ?? [];

    /// <summary>The value of the first option <paramref name="code"/>, or null when the server sent none.</summary>
    public byte[]? Find(byte code) => Options.FirstOrDefault(o => o.Code == code)?.Value;

    /// <summary>
    /// The DNS servers of every DNS servers option (upstream's <c>Dhcp_wire.collect_dns_servers</c>); an option whose
    /// length is not a multiple of four is skipped.
    /// </summary>
    public IReadOnlyList<IPAddress> DnsServers =>
        [.. Options
            .Where(o => o.Code == DnsServersCode && o.Value.Length % 4 == 0)
            .SelectMany(o => Enumerable.Range(0, o.Value.Length / 4)
                .Select(i => new IPAddress(o.Value.AsSpan(i * 4, 4))))];

    /// <inheritdoc/>
    public override string ToString() =>
        IsLease ? $"lease with options {string.Join(", ", Options.Select(o => o.Code))}" : "no lease";
}

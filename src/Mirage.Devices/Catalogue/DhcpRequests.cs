namespace Mirage.CSharp;

/// <summary>
/// The DHCP option codes a unikernel's devices want from its lease (upstream's <c>dhcp_requests</c>): made by
/// <c>make_dhcp_requests</c>, given to <c>ipv4_of_dhcp</c> (or <c>generic_stackv4v6_with_lease</c>), added to by
/// <c>add_dhcp_request</c> and by the devices that read the lease (<c>generic_dns_client ~dhcp</c> adds the DNS
/// servers, 6). The DHCP client asks for these besides its own (subnet mask, router, DNS servers, lease times).
/// </summary>
public sealed class DhcpRequests
{
    private readonly SortedSet<int> _codes = [];
    private IReadOnlyList<int>? _consumed;

    internal DhcpRequests() { }

    /// <summary>Asks for option <paramref name="code"/> too (upstream's <c>add_dhcp_request</c>).</summary>
    /// <exception cref="ArgumentException">A code outside 1–254 (0 is padding, 255 the end), or added after the DHCP client's code was written.</exception>
    public void Add(int code)
    {
        if (code is <= 0 or >= 255)
        {
            throw new ArgumentException($"add_dhcp_request: invalid DHCP option code {code}, expected 1 to 254 (0 is padding, 255 the end)", nameof(code));
        }
        if (_consumed is not null)
        {
            throw new ArgumentException($"add_dhcp_request: DHCP option code {code} added too late: ipv4_of_dhcp's code is written already", nameof(code));
        }
        _codes.Add(code);
    }

    /// <summary>The codes asked for, in order; from the first read on, no code can be added.</summary>
    internal IReadOnlyList<int> Consume() => _consumed ??= [.. _codes];
}

using System.Net;
using System.Net.Sockets;

namespace Mirage.Runtime.Network.Dns;

/// <summary>The data of a resource record, by type. Records the client does not know keep their raw octets.</summary>
public abstract record DnsRecordData
{
    private protected DnsRecordData() { }

    /// <summary>The record type this data belongs to.</summary>
    public abstract DnsRecordType Type { get; }
}

/// <summary>An <c>A</c> record: an IPv4 address.</summary>
public sealed record ARecord : DnsRecordData
{
    /// <summary>Makes an A record.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public ARecord(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new ArgumentException($"an A record holds an IPv4 address, not {address}", nameof(address));
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.A;
}

/// <summary>An <c>AAAA</c> record: an IPv6 address.</summary>
public sealed record AaaaRecord : DnsRecordData
{
    /// <summary>Makes an AAAA record.</summary>
    /// <exception cref="ArgumentException">The address is not IPv6.</exception>
    public AaaaRecord(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address.AddressFamily == AddressFamily.InterNetworkV6
            ? address
            : throw new ArgumentException($"an AAAA record holds an IPv6 address, not {address}", nameof(address));
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.AAAA;
}

/// <summary>A record whose data is one domain name: <c>CNAME</c>, <c>NS</c> or <c>PTR</c>.</summary>
public sealed record NameRecord : DnsRecordData
{
    /// <summary>Makes a CNAME, NS or PTR record.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of those.</exception>
    public NameRecord(DnsRecordType type, DomainName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Type = type is DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR
            ? type
            : throw new ArgumentException($"{type} records do not hold one name", nameof(type));
        Target = target;
    }

    /// <inheritdoc/>
    public override DnsRecordType Type { get; }

    /// <summary>The name.</summary>
    public DomainName Target { get; }
}

/// <summary>An <c>MX</c> record.</summary>
public sealed record MxRecord(ushort Preference, DomainName Exchange) : DnsRecordData
{
    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.MX;
}

/// <summary>An <c>SRV</c> record (RFC 2782).</summary>
public sealed record SrvRecord(ushort Priority, ushort Weight, ushort Port, DomainName Target) : DnsRecordData
{
    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.SRV;
}

/// <summary>An <c>SOA</c> record: the zone's primary server, its admin mailbox and its timers (seconds).</summary>
public sealed record SoaRecord(
    DomainName PrimaryServer,
    DomainName Mailbox,
    uint Serial,
    uint Refresh,
    uint Retry,
    uint Expire,
    uint Minimum) : DnsRecordData
{
    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.SOA;
}

/// <summary>A <c>TXT</c> record: one or more strings of at most 255 octets each.</summary>
public sealed record TxtRecord : DnsRecordData
{
    /// <summary>Makes a TXT record.</summary>
    /// <exception cref="ArgumentException">No string, or one longer than 255 octets.</exception>
    public TxtRecord(IReadOnlyList<byte[]> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        if (strings.Count == 0)
        {
            throw new ArgumentException("a TXT record holds at least one string", nameof(strings));
        }
        foreach (var s in strings)
        {
            if (s.Length > 255)
            {
                throw new ArgumentException($"a TXT string has at most 255 octets, not {s.Length}", nameof(strings));
            }
        }
        Strings = strings;
    }

    /// <summary>The strings, as octets.</summary>
    public IReadOnlyList<byte[]> Strings { get; }

    /// <summary>The strings read as UTF-8 and joined, as most TXT users mean them.</summary>
    public string Text => string.Concat(Strings.Select(s => System.Text.Encoding.UTF8.GetString(s)));

    /// <inheritdoc/>
    public override DnsRecordType Type => DnsRecordType.TXT;

    /// <inheritdoc/>
    public bool Equals(TxtRecord? other) =>
        other is not null && Strings.Count == other.Strings.Count
        && Strings.Zip(other.Strings).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Strings.Count);
}

/// <summary>A record of a type this client does not decode: its raw data.</summary>
public sealed record UnknownRecord(DnsRecordType RecordType, byte[] Data) : DnsRecordData
{
    /// <inheritdoc/>
    public override DnsRecordType Type => RecordType;

    /// <inheritdoc/>
    public bool Equals(UnknownRecord? other) =>
        other is not null && RecordType == other.RecordType && Data.AsSpan().SequenceEqual(other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RecordType, Data.Length);
}

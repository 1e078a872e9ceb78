namespace Mirage.Runtime.Network.Dns;

/// <summary>The record types this client knows by name (RFC 1035, 3596, 2782, 6891); any other value is valid too.</summary>
public enum DnsRecordType : ushort
{
    /// <summary>An IPv4 address.</summary>
    A = 1,
    /// <summary>An authoritative name server.</summary>
    NS = 2,
    /// <summary>The canonical name of an alias.</summary>
    CNAME = 5,
    /// <summary>The start of a zone of authority.</summary>
    SOA = 6,
    /// <summary>A domain name pointer (reverse lookups).</summary>
    PTR = 12,
    /// <summary>A mail exchange.</summary>
    MX = 15,
    /// <summary>Text strings.</summary>
    TXT = 16,
    /// <summary>An IPv6 address.</summary>
    AAAA = 28,
    /// <summary>A service location.</summary>
    SRV = 33,
    /// <summary>The EDNS pseudo-record.</summary>
    OPT = 41,
    /// <summary>Certification authority authorization.</summary>
    CAA = 257,
}

/// <summary>The response codes of a DNS header (RFC 1035 4.1.1).</summary>
public enum DnsResponseCode : byte
{
    /// <summary>No error.</summary>
    NoError = 0,
    /// <summary>The server could not read the query.</summary>
    FormErr = 1,
    /// <summary>The server failed.</summary>
    ServFail = 2,
    /// <summary>The name does not exist.</summary>
    NXDomain = 3,
    /// <summary>The server does not support the kind of query.</summary>
    NotImp = 4,
    /// <summary>The server refuses to answer.</summary>
    Refused = 5,
}

namespace Mirage.Runtime.Network.Dns;

/// <summary>What a lookup found (upstream's <c>`Data</c>, <c>`No_data</c>, <c>`No_domain</c>, <c>`Msg</c>).</summary>
public abstract record DnsAnswer
{
    private DnsAnswer() { }

    /// <summary>Records of the asked type, found at <see cref="Name"/> (the end of any CNAME chain); <see cref="Ttl"/> in seconds.</summary>
    public sealed record Data(DomainName Name, uint Ttl, IReadOnlyList<DnsRecordData> Records) : DnsAnswer
    {
        /// <inheritdoc/>
        public bool Equals(Data? other) =>
            other is not null && Name.Equals(other.Name) && Ttl == other.Ttl && Records.SequenceEqual(other.Records);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(Name, Ttl, Records.Count);
    }

    /// <summary>The name exists but has no record of the asked type.</summary>
    public sealed record NoData(DomainName Name, SoaRecord? Soa) : DnsAnswer;

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    public sealed record NoDomain(DomainName Name, SoaRecord? Soa) : DnsAnswer;

    /// <summary>No answer: the message says why (timeout, bad reply, server failure...).</summary>
    public sealed record Failure(string Message) : DnsAnswer;
}

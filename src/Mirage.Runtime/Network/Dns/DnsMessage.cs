namespace Mirage.Runtime.Network.Dns;

/// <summary>A question: which records of which name (class IN unless said otherwise).</summary>
public sealed record DnsQuestion(DomainName Name, DnsRecordType Type, ushort Class = DnsMessage.ClassIn);

/// <summary>A resource record: an owner name, a class, a time to live (seconds) and typed data.</summary>
public sealed record DnsResourceRecord(DomainName Name, uint Ttl, DnsRecordData Data, ushort Class = DnsMessage.ClassIn)
{
    /// <summary>The record's type, from its data.</summary>
    public DnsRecordType Type => Data.Type;
}

/// <summary>The header flags of a DNS message (RFC 1035 4.1.1, RFC 4035 3.2).</summary>
[Flags]
public enum DnsFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Checking disabled.</summary>
    CheckingDisabled = 0x0010,
    /// <summary>Authentic data.</summary>
    AuthenticData = 0x0020,
    /// <summary>Recursion available.</summary>
    RecursionAvailable = 0x0080,
    /// <summary>Recursion desired.</summary>
    RecursionDesired = 0x0100,
    /// <summary>Truncated: the answer did not fit; ask again over TCP.</summary>
    Truncated = 0x0200,
    /// <summary>Authoritative answer.</summary>
    Authoritative = 0x0400,
    /// <summary>A response, not a query.</summary>
    Response = 0x8000,
}

/// <summary>A DNS message: header, questions, answers, authority and additional records.</summary>
public sealed record DnsMessage(
    ushort Id,
    DnsFlags Flags,
    byte Opcode,
    DnsResponseCode ResponseCode,
    IReadOnlyList<DnsQuestion> Questions,
    IReadOnlyList<DnsResourceRecord> Answers,
    IReadOnlyList<DnsResourceRecord> Authority,
    IReadOnlyList<DnsResourceRecord> Additional)
{
    /// <summary>The Internet class.</summary>
    public const ushort ClassIn = 1;

    /// <summary>A recursive query for one question.</summary>
    public static DnsMessage Query(ushort id, DomainName name, DnsRecordType type) =>
        new(id, DnsFlags.RecursionDesired, 0, DnsResponseCode.NoError, [new DnsQuestion(name, type)], [], [], []);

    /// <summary>Whether the truncation flag is set.</summary>
    public bool IsTruncated => (Flags & DnsFlags.Truncated) != 0;

    /// <summary>Whether this is a response.</summary>
    public bool IsResponse => (Flags & DnsFlags.Response) != 0;

    /// <inheritdoc/>
    public bool Equals(DnsMessage? other) =>
        other is not null && Id == other.Id && Flags == other.Flags && Opcode == other.Opcode
        && ResponseCode == other.ResponseCode && Questions.SequenceEqual(other.Questions)
        && Answers.SequenceEqual(other.Answers) && Authority.SequenceEqual(other.Authority)
        && Additional.SequenceEqual(other.Additional);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Flags, Questions.Count, Answers.Count);
}

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// Reads a reply against the query it answers: the id, the response flag, the opcode and the
/// question must match, then CNAME chains are followed (at most 20 links) to the asked type.
/// </summary>
public static class DnsResponse
{
    /// <summary>The most CNAME links followed before giving up.</summary>
    public const int MaxCnameLinks = 20;

    /// <summary>Why <paramref name="reply"/> does not answer <paramref name="query"/>, or null when it does.</summary>
    public static string? Mismatch(DnsMessage query, DnsMessage reply)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Id != query.Id)
        {
            return $"the reply's id {reply.Id} is not the query's {query.Id}";
        }
        if (!reply.IsResponse)
        {
            return "the reply is not flagged as a response";
        }
        if (reply.Opcode != query.Opcode)
        {
            return $"the reply's opcode {reply.Opcode} is not the query's {query.Opcode}";
        }
        // A FORMERR or NOTIMP reply may omit the question (RFC 6891 7); any other must repeat it.
        if (reply.Questions.Count == 0 && reply.ResponseCode is DnsResponseCode.FormErr or DnsResponseCode.NotImp)
        {
            return null;
        }
        if (reply.Questions.Count != 1 || !reply.Questions[0].Equals(query.Questions[0]))
        {
            return $"the reply's question ({string.Join(", ", reply.Questions.Select(q => $"{q.Name} {q.Type}"))}) is not the query's ({query.Questions[0].Name} {query.Questions[0].Type})";
        }
        return null;
    }

    /// <summary>What a matching reply says about the query's question.</summary>
    public static DnsAnswer Interpret(DnsQuestion question, DnsMessage reply)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(reply);
        var soa = reply.Authority.Select(r => r.Data).OfType<SoaRecord>().FirstOrDefault();
        switch (reply.ResponseCode)
        {
            case DnsResponseCode.NoError:
                break;
            case DnsResponseCode.NXDomain:
                return new DnsAnswer.NoDomain(question.Name, soa);
            default:
                return new DnsAnswer.Failure($"the server answered {reply.ResponseCode} for {question.Name} {question.Type}");
        }
        var name = question.Name;
        for (var links = 0; links <= MaxCnameLinks; links++)
        {
            var owned = reply.Answers.Where(r => r.Name.Equals(name) && r.Class == question.Class).ToList();
            var wanted = owned.Where(r => r.Type == question.Type).ToList();
            if (wanted.Count > 0)
            {
                return new DnsAnswer.Data(name, wanted.Min(r => r.Ttl), wanted.Select(r => r.Data).ToList());
            }
            var cname = owned.Select(r => r.Data).OfType<NameRecord>().FirstOrDefault(r => r.Type == DnsRecordType.CNAME);
            if (cname is null || question.Type == DnsRecordType.CNAME)
            {
                return new DnsAnswer.NoData(name, soa);
            }
            name = cname.Target;
        }
        return new DnsAnswer.Failure($"more than {MaxCnameLinks} CNAME links from {question.Name}");
    }
}

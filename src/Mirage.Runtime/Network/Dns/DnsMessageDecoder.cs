using System.Buffers.Binary;
using System.Net;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// Reads DNS messages in wire format. It trusts nothing: every length is checked against what is
/// left, a compression pointer must point backwards (so no loop), names stay within 255 octets,
/// and octets left over after the last section are an error. Bad input gives an error message,
/// never an exception.
/// </summary>
public static class DnsMessageDecoder
{
    private const int HeaderLength = 12;

    /// <summary>Decodes one message that fills <paramref name="octets"/>.</summary>
    public static DnsDecodeResult Decode(ReadOnlySpan<byte> octets)
    {
        var reader = new Reader(octets);
        if (octets.Length < HeaderLength)
        {
            return DnsDecodeResult.Fail($"truncated message: {octets.Length} octets, shorter than the {HeaderLength}-octet header");
        }
        reader.UInt16(out var id);
        reader.UInt16(out var flagWord);
        reader.UInt16(out var questionCount);
        reader.UInt16(out var answerCount);
        reader.UInt16(out var authorityCount);
        reader.UInt16(out var additionalCount);
        var questions = new List<DnsQuestion>(Math.Min((int)questionCount, 16));
        for (var i = 0; i < questionCount; i++)
        {
            if (!reader.Name(out var name) || !reader.UInt16(out var type) || !reader.UInt16(out var @class))
            {
                return DnsDecodeResult.Fail($"question {i + 1} of {questionCount}: {reader.Error}");
            }
            questions.Add(new DnsQuestion(name, (DnsRecordType)type, @class));
        }
        if (!Section(ref reader, "answer", answerCount, out var answers, out var error)
            || !Section(ref reader, "authority", authorityCount, out var authority, out error)
            || !Section(ref reader, "additional", additionalCount, out var additional, out error))
        {
            return DnsDecodeResult.Fail(error);
        }
        if (reader.Remaining != 0)
        {
            return DnsDecodeResult.Fail($"{reader.Remaining} octets after the last record");
        }
        var flags = (DnsFlags)(flagWord & 0x87F0);
        var opcode = (byte)((flagWord >> 11) & 0xF);
        var rcode = (DnsResponseCode)(flagWord & 0xF);
        return DnsDecodeResult.Ok(new DnsMessage(id, flags, opcode, rcode, questions, answers, authority, additional));
    }

    private static bool Section(
        ref Reader reader, string section, int count, out List<DnsResourceRecord> records, out string error)
    {
        records = new List<DnsResourceRecord>(Math.Min(count, 32));
        for (var i = 0; i < count; i++)
        {
            if (!Record(ref reader, out var record))
            {
                error = $"{section} record {i + 1} of {count}: {reader.Error}";
                return false;
            }
            records.Add(record);
        }
        error = "";
        return true;
    }

    private static bool Record(ref Reader reader, out DnsResourceRecord record)
    {
        record = null!;
        if (!reader.Name(out var owner) || !reader.UInt16(out var type) || !reader.UInt16(out var @class)
            || !reader.UInt32(out var ttl) || !reader.UInt16(out var length))
        {
            return false;
        }
        if (length > reader.Remaining)
        {
            return reader.Fail($"the data length {length} runs past the end of the message ({reader.Remaining} octets left)");
        }
        var end = reader.Position + length;
        if (!Data(ref reader, (DnsRecordType)type, length, out var data))
        {
            return false;
        }
        if (reader.Position != end)
        {
            return reader.Fail($"{(DnsRecordType)type} data of {length} octets holds {reader.Position - (end - length)} octets of fields");
        }
        record = new DnsResourceRecord(owner, ttl, data, @class);
        return true;
    }

    private static bool Data(ref Reader reader, DnsRecordType type, int length, out DnsRecordData data)
    {
        data = null!;
        var end = reader.Position + length;
        switch (type)
        {
            case DnsRecordType.A when length == 4:
                data = new ARecord(new IPAddress(reader.Take(4)));
                return true;
            case DnsRecordType.A:
                return reader.Fail($"an A record holds 4 octets, not {length}");
            case DnsRecordType.AAAA when length == 16:
                data = new AaaaRecord(new IPAddress(reader.Take(16)));
                return true;
            case DnsRecordType.AAAA:
                return reader.Fail($"an AAAA record holds 16 octets, not {length}");
            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                if (!reader.Name(out var target, end))
                {
                    return false;
                }
                data = new NameRecord(type, target);
                return true;
            case DnsRecordType.MX:
                if (!reader.UInt16(out var preference, end) || !reader.Name(out var exchange, end))
                {
                    return false;
                }
                data = new MxRecord(preference, exchange);
                return true;
            case DnsRecordType.SRV:
                if (!reader.UInt16(out var priority, end) || !reader.UInt16(out var weight, end)
                    || !reader.UInt16(out var port, end) || !reader.Name(out var srvTarget, end))
                {
                    return false;
                }
                data = new SrvRecord(priority, weight, port, srvTarget);
                return true;
            case DnsRecordType.SOA:
                if (!reader.Name(out var primary, end) || !reader.Name(out var mailbox, end)
                    || !reader.UInt32(out var serial, end) || !reader.UInt32(out var refresh, end)
                    || !reader.UInt32(out var retry, end) || !reader.UInt32(out var expire, end)
                    || !reader.UInt32(out var minimum, end))
                {
                    return false;
                }
                data = new SoaRecord(primary, mailbox, serial, refresh, retry, expire, minimum);
                return true;
            case DnsRecordType.TXT:
                if (length == 0)
                {
                    return reader.Fail("a TXT record holds at least one string");
                }
                var strings = new List<byte[]>();
                while (reader.Position < end)
                {
                    var stringLength = reader.Take(1)[0];
                    if (reader.Position + stringLength > end)
                    {
                        return reader.Fail($"a TXT string of {stringLength} octets runs past the record's end");
                    }
                    strings.Add(reader.Take(stringLength).ToArray());
                }
                data = new TxtRecord(strings);
                return true;
            default:
                data = new UnknownRecord(type, reader.Take(length).ToArray());
                return true;
        }
    }

    /// <summary>A cursor over the message; a failed read records why in <see cref="Error"/>.</summary>
    private ref struct Reader(ReadOnlySpan<byte> message)
    {
        private readonly ReadOnlySpan<byte> _message = message;

        public int Position { get; private set; }

        public string Error { get; private set; } = "";

        public readonly int Remaining => _message.Length - Position;

        public bool Fail(string error)
        {
            Error = error;
            return false;
        }

        // Callers have checked the length.
        public ReadOnlySpan<byte> Take(int count)
        {
            var span = _message.Slice(Position, count);
            Position += count;
            return span;
        }

        public bool UInt16(out ushort value, int end = int.MaxValue)
        {
            value = 0;
            if (Math.Min(end, _message.Length) - Position < 2)
            {
                return Fail("truncated: a 16-bit field runs past the end");
            }
            value = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            return true;
        }

        public bool UInt32(out uint value, int end = int.MaxValue)
        {
            value = 0;
            if (Math.Min(end, _message.Length) - Position < 4)
            {
                return Fail("truncated: a 32-bit field runs past the end");
            }
            value = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            return true;
        }

        /// <summary>
        /// A possibly compressed name. Each pointer must point before the start of the run of labels
        /// that holds it, so the targets strictly decrease: no loop can be built.
        /// </summary>
        public bool Name(out DomainName name, int end = int.MaxValue)
        {
            name = DomainName.Root;
            var labels = new List<string>();
            var wireLength = 1;
            var at = Position;
            var segmentStart = Position;
            var limit = Math.Min(end, _message.Length);
            int? resumeAt = null;
            while (true)
            {
                if (at >= limit)
                {
                    return Fail("truncated: a name runs past the end");
                }
                var length = _message[at];
                if ((length & 0xC0) == 0xC0)
                {
                    if (at + 1 >= limit)
                    {
                        return Fail("truncated: a compression pointer runs past the end");
                    }
                    var target = ((length & 0x3F) << 8) | _message[at + 1];
                    if (target >= segmentStart)
                    {
                        return Fail($"a compression pointer at offset {at} points to {target}, not before {segmentStart} (a loop or garbage)");
                    }
                    resumeAt ??= at + 2;
                    at = target;
                    segmentStart = target;
                    // Once past a pointer, the name lies in earlier data, not limited by the record's end.
                    limit = _message.Length;
                    continue;
                }
                if ((length & 0xC0) != 0)
                {
                    return Fail($"label type 0x{length & 0xC0:X2} at offset {at} is not supported");
                }
                if (length == 0)
                {
                    Position = resumeAt ?? at + 1;
                    name = DomainName.FromCheckedLabels([.. labels]);
                    return true;
                }
                wireLength += 1 + length;
                if (wireLength > DomainName.MaxWireLength)
                {
                    return Fail($"a name longer than {DomainName.MaxWireLength} octets");
                }
                if (at + 1 + length > limit)
                {
                    return Fail("truncated: a label runs past the end");
                }
                labels.Add(System.Text.Encoding.Latin1.GetString(_message.Slice(at + 1, length)));
                at += 1 + length;
            }
        }
    }
}

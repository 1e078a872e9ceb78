using System.Buffers.Binary;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// Writes DNS messages in wire format (RFC 1035 4.1), compressing owner names and the names in
/// NS, CNAME, PTR, MX and SOA data (RFC 1035 4.1.4; SRV targets stay whole, RFC 2782).
/// </summary>
public static class DnsMessageEncoder
{
    /// <summary>The largest message: what a TCP length prefix can say.</summary>
    public const int MaxMessageLength = ushort.MaxValue;

    /// <summary>The message in wire format.</summary>
    /// <exception cref="ArgumentException">The message is longer than 65535 octets, or has more than 65535 entries in a section.</exception>
    public static byte[] Encode(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new Writer();
        writer.UInt16(message.Id);
        writer.UInt16((ushort)((ushort)message.Flags | ((message.Opcode & 0xF) << 11) | ((byte)message.ResponseCode & 0xF)));
        writer.UInt16(Count(message.Questions.Count));
        writer.UInt16(Count(message.Answers.Count));
        writer.UInt16(Count(message.Authority.Count));
        writer.UInt16(Count(message.Additional.Count));
        foreach (var question in message.Questions)
        {
            writer.Name(question.Name, compress: true);
            writer.UInt16((ushort)question.Type);
            writer.UInt16(question.Class);
        }
        foreach (var section in (IReadOnlyList<DnsResourceRecord>[])[message.Answers, message.Authority, message.Additional])
        {
            foreach (var record in section)
            {
                writer.Record(record);
            }
        }
        return writer.Length <= MaxMessageLength
            ? writer.ToArray()
            : throw new ArgumentException($"the message takes {writer.Length} octets, more than {MaxMessageLength}", nameof(message));
    }

    /// <summary>The message with the two-octet length prefix of DNS over TCP (RFC 1035 4.2.2).</summary>
    public static byte[] EncodeForTcp(DnsMessage message)
    {
        var body = Encode(message);
        var framed = new byte[body.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)body.Length);
        body.CopyTo(framed.AsSpan(2));
        return framed;
    }

    private static ushort Count(int count) =>
        count <= ushort.MaxValue ? (ushort)count : throw new ArgumentException($"{count} entries do not fit in a DNS section");

    private sealed class Writer
    {
        private byte[] _buffer = new byte[512];
        private readonly Dictionary<string, int> _suffixes = [];

        public int Length { get; private set; }

        public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

        public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

        public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

        public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

        public void Name(DomainName name, bool compress)
        {
            var labels = name.Labels;
            for (var i = 0; i < labels.Count; i++)
            {
                var key = SuffixKey(labels, i);
                if (compress && _suffixes.TryGetValue(key, out var offset))
                {
                    UInt16((ushort)(0xC000 | offset));
                    return;
                }
                if (Length < 0x4000)
                {
                    _suffixes.TryAdd(key, Length);
                }
                var label = labels[i];
                var span = Take(1 + label.Length);
                span[0] = (byte)label.Length;
                for (var j = 0; j < label.Length; j++)
                {
                    span[1 + j] = (byte)label[j];
                }
            }
            Take(1)[0] = 0;
        }

        public void Record(DnsResourceRecord record)
        {
            Name(record.Name, compress: true);
            UInt16((ushort)record.Type);
            UInt16(record.Class);
            UInt32(record.Ttl);
            var lengthAt = Length;
            Take(2);
            var start = Length;
            Data(record.Data);
            var length = Length - start;
            if (length > ushort.MaxValue)
            {
                throw new ArgumentException($"the data of a {record.Type} record takes {length} octets, more than {ushort.MaxValue}");
            }
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), (ushort)length);
        }

        private void Data(DnsRecordData data)
        {
            switch (data)
            {
                case ARecord a:
                    a.Address.TryWriteBytes(Take(4), out _);
                    break;
                case AaaaRecord aaaa:
                    aaaa.Address.TryWriteBytes(Take(16), out _);
                    break;
                case NameRecord n:
                    Name(n.Target, compress: true);
                    break;
                case MxRecord mx:
                    UInt16(mx.Preference);
                    Name(mx.Exchange, compress: true);
                    break;
                case SrvRecord srv:
                    UInt16(srv.Priority);
                    UInt16(srv.Weight);
                    UInt16(srv.Port);
                    Name(srv.Target, compress: false);
                    break;
                case SoaRecord soa:
                    Name(soa.PrimaryServer, compress: true);
                    Name(soa.Mailbox, compress: true);
                    UInt32(soa.Serial);
                    UInt32(soa.Refresh);
                    UInt32(soa.Retry);
                    UInt32(soa.Expire);
                    UInt32(soa.Minimum);
                    break;
                case TxtRecord txt:
                    foreach (var s in txt.Strings)
                    {
                        Take(1)[0] = (byte)s.Length;
                        Bytes(s);
                    }
                    break;
                case UnknownRecord unknown:
                    Bytes(unknown.Data);
                    break;
                default:
                    throw new ArgumentException($"no wire format for {data.GetType().Name}");
            }
        }

        private Span<byte> Take(int count)
        {
            if (Length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
            }
            var span = _buffer.AsSpan(Length, count);
            Length += count;
            return span;
        }

        // Suffixes compare case-insensitively, as names do; each label is prefixed by its length, so
        // that a label holding a dot is no two labels.
        private static string SuffixKey(IReadOnlyList<string> labels, int from)
        {
            var key = new System.Text.StringBuilder();
            for (var i = from; i < labels.Count; i++)
            {
                key.Append((char)labels[i].Length);
                foreach (var c in labels[i])
                {
                    key.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                }
            }
            return key.ToString();
        }
    }
}

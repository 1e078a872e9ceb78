using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>An ICMP message to send (either family): its header, its body, and the pseudo-header sum (ICMPv6).</summary>
internal readonly record struct IcmpReply(IcmpHeader Header, byte[] Body, ulong PseudoHeaderSum = 0)
{
    public static readonly Network.SpanWriter<IcmpReply> Writer = static (buffer, reply) =>
    {
        reply.Body.CopyTo(buffer[IcmpHeader.Length..]);
        var length = IcmpHeader.Length + reply.Body.Length;
        reply.Header.TryWrite(buffer[..length], reply.PseudoHeaderSum);
        return length;
    };
}

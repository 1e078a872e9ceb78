using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Udp;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Runtime.Tcpip.Icmp;

/// <summary>
/// Sends ICMP echo requests (ping) over either family and waits for their replies: how the unikernel pings
/// its peers. Replies are matched by identifier and sequence number.
/// </summary>
public sealed class EchoClient
{
    private readonly IIpLayer _ip;
    private readonly TimeProvider _time;
    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, 65_536);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource> _waiting = new();
    private int _sequence;

    private EchoClient(IIpLayer ip, TimeProvider time)
    {
        _ip = ip;
        _time = time;
    }

    /// <summary>Listens for echo replies on <paramref name="ip"/> (both ICMP protocols).</summary>
    public static EchoClient Connect(IIpLayer ip, TimeProvider? time = null)
    {
        var client = new EchoClient(ip, time ?? TimeProvider.System);
        ip.Listen(IpProtocols.Icmp, client.Input);
        ip.Listen(IpProtocols.Icmpv6, client.Input);
        return client;
    }

    private ValueTask Input(IpPacketInfo packet, ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (span.Length >= IcmpHeader.Length && span[0] is IcmpHeader.EchoReplyV4 or IcmpHeader.EchoReplyV6)
        {
            // Checksums were checked by the IP layer; match identifier and sequence.
            var rest = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
            if ((ushort)(rest >> 16) == _identifier && _waiting.TryRemove((ushort)rest, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends one echo request with <paramref name="payloadSize"/> bytes; the round-trip time, or null without a reply in <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> PingAsync(IPAddress destination, int payloadSize = 56, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var sequence = (ushort)Interlocked.Increment(ref _sequence);
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[sequence] = waiter;
        var v6 = destination.AddressFamily == AddressFamily.InterNetworkV6;
        var source = _ip.Source(destination);
        var length = IcmpHeader.Length + payloadSize;
        var header = new IcmpHeader(v6 ? IcmpHeader.EchoRequestV6 : IcmpHeader.EchoRequestV4, 0, IcmpHeader.EchoRest(_identifier, sequence));
        var pseudo = v6 ? UdpLayer.PseudoHeader(source, destination, IpProtocols.Icmpv6, length) : 0;
        var started = Stopwatch.GetTimestamp();
        var error = _ip.Write(source, destination, v6 ? IpProtocols.Icmpv6 : IpProtocols.Icmp, length, (header, payloadSize, pseudo), static (buffer, s) =>
        {
            var message = buffer[..(IcmpHeader.Length + s.payloadSize)];
            for (var i = IcmpHeader.Length; i < message.Length; i++)
            {
                message[i] = (byte)i;
            }
            s.header.TryWrite(message, s.pseudo);
            return message.Length;
        });
        try
        {
            if (error is not null)
            {
                return null;
            }
            await waiter.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove(sequence, out _);
        }
    }
}

using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Netif;
using Mirage.Runtime.Tcpip.Stack;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Bench;

/// <summary>
/// Our stack's receive path, per frame: parsing the headers of a UDP frame (codecs alone, the baseline),
/// the same frame through Ethernet, IPv4 and UDP to a listener, and a random frame dropped:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*TcpipReceive*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TcpipReceiveBenchmarks
{
    private const uint Source = 0x0A000009, Destination = 0x0A000002;
    private DirectStack _stack = null!;
    private byte[] _udpFrame = null!;
    private byte[] _garbage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var network = new MemorySwitch(TimeProvider.System);
        _stack = DirectStack.ConnectAsync(network.Connect(), new DirectStackOptions { Ipv4Only = true }).GetAwaiter().GetResult();
        _stack.Udp.Listen(7, _ => ValueTask.CompletedTask);
        _udpFrame = UdpFrame(_stack.Netif.Mac, 512);
        _garbage = new byte[512];
        new Random(1).NextBytes(_garbage);
    }

    [GlobalCleanup]
    public void Cleanup() => _stack.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A valid Ethernet/IPv4/UDP frame to port 7 with <paramref name="size"/> bytes of payload.</summary>
    public static byte[] UdpFrame(MacAddress destination, int size)
    {
        var frame = new byte[EthernetHeader.Length + Ipv4Header.MinLength + UdpHeader.HeaderLength + size];
        new EthernetHeader(destination, MacAddress.LocalFrom(9), EtherTypes.Ipv4).TryWrite(frame);
        var udp = frame.AsSpan(EthernetHeader.Length + Ipv4Header.MinLength);
        new UdpHeader(4000, 7, udp.Length).TryWrite(udp, Checksum.PseudoHeaderV4(Source, Destination, IpProtocols.Udp, udp.Length));
        new Ipv4Header(0, Ipv4Header.MinLength + udp.Length, 1, false, false, 0, 64, IpProtocols.Udp, Source, Destination).TryWrite(frame.AsSpan(EthernetHeader.Length));
        return frame;
    }

    /// <summary>The codecs alone: the three headers parsed and both checksums checked.</summary>
    [Benchmark(Baseline = true)]
    public int ParseHeaders()
    {
        EthernetHeader.TryParse(_udpFrame, out _);
        var packet = _udpFrame.AsSpan(EthernetHeader.Length);
        Ipv4Header.TryParse(packet, out var ip);
        var datagram = packet[ip.HeaderLength..ip.TotalLength];
        UdpHeader.TryParse(datagram, Checksum.PseudoHeaderV4(ip.Source, ip.Destination, IpProtocols.Udp, datagram.Length), false, out var udp);
        return udp.Length;
    }

    /// <summary>The whole receive path to a UDP listener.</summary>
    [Benchmark]
    public ValueTask UdpFrameToListener() => _stack.Ethernet.InputAsync(_udpFrame);

    /// <summary>A random frame, counted and dropped.</summary>
    [Benchmark]
    public ValueTask RandomFrameDropped() => _stack.Ethernet.InputAsync(_garbage);
}

/// <summary>
/// UDP datagrams of 1 KiB between two of our stacks on the in-memory switch, beside the host's UDP over
/// loopback sockets in the same run (the yardstick):
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*TcpipUdp*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TcpipUdpBenchmarks
{
    private const int Datagrams = 10_000, Size = 1024;
    private DirectStack _a = null!, _b = null!;
    private Socket _sender = null!, _receiver = null!;
    private readonly byte[] _payload = new byte[Size];
    private readonly byte[] _receive = new byte[2048];
    private int _received;
    private TaskCompletionSource _all = new();

    [GlobalSetup]
    public void Setup()
    {
        var network = new MemorySwitch(TimeProvider.System);
        _a = DirectStack.ConnectAsync(network.Connect(), new DirectStackOptions { Ipv4Only = true, Ipv4 = new(IpPrefix.Parse("10.0.0.2/24"), null) }).GetAwaiter().GetResult();
        _b = DirectStack.ConnectAsync(network.Connect(), new DirectStackOptions { Ipv4Only = true, Ipv4 = new(IpPrefix.Parse("10.0.0.3/24"), null) }).GetAwaiter().GetResult();
        _b.Udp.Listen(7, _ =>
        {
            if (Interlocked.Increment(ref _received) == Datagrams)
            {
                _all.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        _a.Arp.QueryAsync(IPAddress.Parse("10.0.0.3")).AsTask().GetAwaiter().GetResult();
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 * 1024 * 1024 };
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sender.Connect(_receiver.LocalEndPoint!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _b.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sender.Dispose();
        _receiver.Dispose();
    }

    /// <summary>The host's UDP over loopback: send and receive each datagram.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Datagrams)]
    public void LinuxLoopbackSockets()
    {
        for (var i = 0; i < Datagrams; i++)
        {
            _sender.Send(_payload);
            _receiver.Receive(_receive);
        }
    }

    /// <summary>Our two stacks: A sends 10,000 datagrams in a row, B's listener counts them. The switch's
    /// queue (1,024 frames) paces A every 512 datagrams.</summary>
    [Benchmark(OperationsPerInvoke = Datagrams)]
    public async Task OurStacksInMemory()
    {
        _received = 0;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var destination = new IPEndPoint(IPAddress.Parse("10.0.0.3"), 7);
        for (var i = 0; i < Datagrams; i++)
        {
            await _a.Udp.WriteAsync(destination, _payload, sourcePort: 5000);
            if ((i & 511) == 511)
            {
                while (Volatile.Read(ref _received) < i - 256)
                {
                    await Task.Yield();
                }
            }
        }
        await _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

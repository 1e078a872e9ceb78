using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Network;
using Mirage.Runtime.Tcpip.Netif;
using Mirage.Runtime.Tcpip.Stack;
using Mirage.Runtime.Tcpip.Tcp;
using Mirage.Runtime.Tcpip.Wire;

namespace Mirage.Bench;

/// <summary>
/// Bulk TCP, 16 MiB per invocation (time per MiB): Linux TCP over loopback sockets (the yardstick), two of our
/// stacks on the in-memory switch through flows, and the pure state machines alone (two connections handing
/// segments to each other, which shows the allocations per segment of the core):
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*TcpBulk*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TcpBulkBenchmarks
{
    private const int MiB = 1024 * 1024, Total = 16 * MiB, Chunk = 64 * 1024;
    private readonly byte[] _chunk = new byte[Chunk];
    private readonly byte[] _sink = new byte[Chunk];
    private Socket _client = null!, _server = null!;
    private DirectStack _a = null!, _b = null!;
    private TaskCompletionSource<long> _received = new();

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_chunk);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();

        var network = new MemorySwitch(TimeProvider.System);
        _a = DirectStack.ConnectAsync(network.Connect(), new DirectStackOptions { Ipv4Only = true, Ipv4 = new(IpPrefix.Parse("10.0.0.2/24"), null) }).GetAwaiter().GetResult();
        _b = DirectStack.ConnectAsync(network.Connect(), new DirectStackOptions { Ipv4Only = true, Ipv4 = new(IpPrefix.Parse("10.0.0.3/24"), null) }).GetAwaiter().GetResult();
        _b.Tcp.Listen(5001, async flow =>
        {
            while (true)
            {
                long total = 0;
                while (total < Total)
                {
                    var read = await flow.ReadAsync();
                    if (!read.IsData)
                    {
                        return;
                    }
                    total += read.Data.Length;
                }
                _received.TrySetResult(total);
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.Dispose();
        _a.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _b.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private ITcpFlow? _flow;

    /// <summary>Linux TCP over loopback: one thread sends, another receives.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Total / MiB)]
    public void LinuxLoopback()
    {
        var receiving = Task.Run(() =>
        {
            long total = 0;
            while (total < Total)
            {
                total += _server.Receive(_sink);
            }
        });
        for (var sent = 0; sent < Total; sent += Chunk)
        {
            _client.Send(_chunk);
        }
        receiving.GetAwaiter().GetResult();
    }

    /// <summary>Our two stacks in memory, through <see cref="ITcpFlow"/>s (one connection, reused).</summary>
    [Benchmark(OperationsPerInvoke = Total / MiB)]
    public async Task OurStacksInMemory()
    {
        _received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_flow is null)
        {
            var result = await _a.Tcp.CreateConnectionAsync(new IPEndPoint(IPAddress.Parse("10.0.0.3"), 5001), timeout: TimeSpan.FromSeconds(10));
            _flow = result.Flow ?? throw new InvalidOperationException($"connect: {result.Error}");
        }
        for (var sent = 0; sent < Total; sent += Chunk)
        {
            await _flow.WriteAsync(_chunk);
        }
        await _received.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>The pure state machines alone: segments handed over in memory, time from a counter.</summary>
    [Benchmark(OperationsPerInvoke = Total / MiB)]
    public long StateMachinesAlone() => _pure.Transfer(_chunk, Total);

    private readonly PureLink _pure = new();
}

/// <summary>Two pure connections joined by a queue of preallocated segment buffers (no I/O, no allocation per segment).</summary>
internal sealed class PureLink : ITcpOutput
{
    private const int Slots = 4096;
    private readonly (TcpHeader Header, byte[] Payload, int Length, bool ToB)[] _queue = new (TcpHeader, byte[], int, bool)[Slots];
    private int _head, _count;
    private readonly TcpConnection _a, _b;
    private long _now;

    /// <summary>Two connections, handshake done.</summary>
    public PureLink()
    {
        for (var i = 0; i < Slots; i++)
        {
            _queue[i].Payload = new byte[2048];
        }
        var settings = new TcpSettings();
        var ta = new TcpTuple(TcpTuple.FromV4(0x0A000002), 40000, TcpTuple.FromV4(0x0A000003), 80);
        var tb = new TcpTuple(TcpTuple.FromV4(0x0A000003), 80, TcpTuple.FromV4(0x0A000002), 40000);
        _a = TcpConnection.Connect(ta, 1, 0, 1460, settings, this, _now);
        var syn = _queue[_head].Header;
        _count = 0;
        _b = TcpConnection.Accept(tb, 5, 0, 1460, settings, this, _now, syn);
        Deliver(_now);
    }

    /// <summary>Segments handed over during the last transfer.</summary>
    public long Segments { get; private set; }

    /// <summary>Moves <paramref name="total"/> bytes from A to B, <paramref name="chunk"/> at a time.</summary>
    public long Transfer(byte[] chunk, int total)
    {
        var link = this;
        ref var now = ref _now;
        long written = 0, read = 0, segments = 0;
        while (read < total)
        {
            now++;
            while (written < total)
            {
                var n = link._a.Write(now, chunk.AsSpan(0, (int)Math.Min(chunk.Length, total - written)));
                if (n == 0)
                {
                    break;
                }
                written += n;
            }
            segments += link.Deliver(now);
            link._b.Peek(out var first, out var second);
            var readable = first.Length + second.Length;
            link._b.Consume(now, readable);
            read += readable;
            segments += link.Deliver(now);
            link._a.Tick(now);
            link._b.Tick(now);
        }
        Segments = segments;
        return read;
    }

    private int Deliver(long now)
    {
        var delivered = 0;
        while (_count > 0)
        {
            ref var slot = ref _queue[_head];
            _head = (_head + 1) % Slots;
            _count--;
            (slot.ToB ? _b : _a).Segment(now, slot.Header, slot.Payload.AsSpan(0, slot.Length));
            delivered++;
        }
        return delivered;
    }

    void ITcpOutput.Emit(in TcpTuple tuple, in TcpHeader header, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (_count == Slots)
        {
            return;
        }
        ref var slot = ref _queue[(_head + _count) % Slots];
        _count++;
        slot.Header = header;
        first.CopyTo(slot.Payload);
        second.CopyTo(slot.Payload.AsSpan(first.Length));
        slot.Length = first.Length + second.Length;
        slot.ToB = tuple.LocalPort == 40000;
    }

    void ITcpOutput.Signal(TcpConnection connection, TcpSignal signal)
    {
    }
}

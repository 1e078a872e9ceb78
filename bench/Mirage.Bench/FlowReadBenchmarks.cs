using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Sockets;

namespace Mirage.Bench;

/// <summary>
/// Bulk reads over loopback TCP: a plain socket sends 16 MiB, received by a socket stack flow's
/// Mirage-style reads (for each read buffer size) and, as the baseline, by a
/// <see cref="NetworkStream"/> reading into a 64 KiB array:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*FlowRead*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FlowReadBenchmarks
{
    private const int Total = 16 * 1024 * 1024;
    private static readonly byte[] s_chunk = new byte[64 * 1024];

    private TcpListener _listener = null!;
    private SocketStack _stack = null!;

    [Params(4 * 1024, 16 * 1024, 64 * 1024)]
    public int ReadBufferSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _stack = SocketStack.Connect(
            SocketStackOptions.Create(new IpPrefix(IPAddress.Loopback, 8), null, ipv4Only: true, ipv6Only: false)
                with
            { ReadBufferSize = ReadBufferSize });
    }

    [GlobalCleanup]
    public void Cleanup() => _listener.Stop();

    private IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Accepts one connection and sends <see cref="Total"/> bytes on it, then closes.</summary>
    private async Task SendAsync()
    {
        using var peer = await _listener.AcceptSocketAsync();
        for (var sent = 0; sent < Total; sent += s_chunk.Length)
        {
            await peer.SendAsync(s_chunk);
        }
        peer.Shutdown(SocketShutdown.Send);
    }

    [Benchmark(Baseline = true, Description = "NetworkStream, 64 KiB reads")]
    public async Task<long> NetworkStreamReads()
    {
        var sending = SendAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(Endpoint);
        var stream = client.GetStream();
        var buffer = new byte[64 * 1024];
        long received = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            received += n;
        }
        await sending;
        return received;
    }

    [Benchmark(Description = "SocketTcpFlow.ReadAsync")]
    public async Task<long> FlowReads()
    {
        var sending = SendAsync();
        var connected = await _stack.Tcp.CreateConnectionAsync(Endpoint);
        await using var flow = connected.Flow!;
        long received = 0;
        while (true)
        {
            var result = await flow.ReadAsync();
            if (!result.IsData)
            {
                break;
            }
            received += result.Data.Length;
        }
        await sending;
        return received;
    }
}

using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Network.Conduit;
using Mirage.Runtime.Network.HttpClients;
using Mirage.Runtime.Network.Resolver;
using Mirage.Runtime.Network.Sockets;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Bench;

/// <summary>
/// Bulk HTTP/1.1 downloads in clear over loopback: a plain <see cref="HttpClient"/> (the baseline,
/// on its own sockets) beside the same handler with its connections made by our socket stack
/// (<see cref="CohttpClient"/>: a resolver, a conduit, the flow handed over as a stream). The
/// server is a minimal keep-alive responder on a raw socket, so that only the clients differ:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*HttpClient*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class HttpClientBenchmarks
{
    private const int BodySize = 16 * 1024 * 1024;

    private readonly CancellationTokenSource _stop = new();
    private TcpListener _listener = null!;
    private HttpClient _plain = null!;
    private HttpClient _flows = null!;
    private Uri _uri = null!;

    /// <summary>The socket stack's read buffer (4 KiB was the default before 2026-11-23, now 16 KiB).</summary>
    [Params(4 * 1024, 16 * 1024)]
    public int ReadBufferSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = ServeAsync(_stop.Token);
        _uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/data");
        _plain = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var stack = SocketStack.Connect(
            SocketStackOptions.Create(new(IPAddress.Loopback, 8), null, ipv4Only: true, ipv6Only: false)
                with
            { ReadBufferSize = ReadBufferSize });
        _flows = CohttpClient.Create(SystemResolver.Instance, TcpConduit.Connect(stack), TlsTrust.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _listener.Stop();
        _plain.Dispose();
        _flows.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient on its own sockets")]
    public Task<long> Plain() => DownloadAsync(_plain);

    [Benchmark(Description = "HttpClient over the socket stack's flows")]
    public Task<long> OverFlows() => DownloadAsync(_flows);

    private async Task<long> DownloadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(_uri, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            received += n;
        }
        return received;
    }

    /// <summary>Answers every request on every connection with the same 16 MiB body.</summary>
    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {BodySize}\r\n\r\n");
        var chunk = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket peer;
            try
            {
                peer = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var _ = peer;
                var request = new byte[8192];
                try
                {
                    // One request per read is enough here: the clients send a small GET and wait.
                    while (await peer.ReceiveAsync(request, cancellationToken) > 0)
                    {
                        await peer.SendAsync(header, cancellationToken);
                        for (var sent = 0; sent < BodySize; sent += chunk.Length)
                        {
                            await peer.SendAsync(chunk, cancellationToken);
                        }
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    // The benchmark is over.
                }
            }, cancellationToken);
        }
    }
}

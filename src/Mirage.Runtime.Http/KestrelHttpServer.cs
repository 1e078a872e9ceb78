using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.Conduit;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel over a stack's TCP flows: upstream's <c>paf_server</c> (given a TCP layer) and
/// <c>cohttp_server</c> (given a conduit, which must have TLS for HTTPS ports) both connect to one
/// of these. TLS is Kestrel's own (SslStream, ALPN, handshake timeout) on the flows either gives.
/// </summary>
public sealed class KestrelHttpServer : IHttpServer
{
    private static readonly LogSource Log = new("http");
    private readonly ITcp _tcp;
    private readonly IConduit? _conduit;
    private readonly long _maxRequestBodySize;

    private KestrelHttpServer(ITcp tcp, IConduit? conduit, long maxRequestBodySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRequestBodySize);
        _tcp = tcp;
        _conduit = conduit;
        _maxRequestBodySize = maxRequestBodySize;
    }

    /// <summary>
    /// A server over <paramref name="tcp"/> (upstream's <c>paf_server</c>), accepting request bodies
    /// of at most <paramref name="maxRequestBodySize"/> bytes (<c>--max-request-body-size</c>).
    /// </summary>
    public static KestrelHttpServer Connect(ITcp tcp, long maxRequestBodySize = HttpArgs.DefaultMaxRequestBodySize) =>
        new(tcp, null, maxRequestBodySize);

    /// <summary>
    /// A server over <paramref name="conduit"/> (upstream's <c>cohttp_server</c>): HTTPS ports need a
    /// conduit with TLS (<c>conduit_direct ~tls:true</c>).
    /// </summary>
    public static KestrelHttpServer Connect(IConduit conduit, long maxRequestBodySize = HttpArgs.DefaultMaxRequestBodySize) =>
        new(conduit.Stack.Tcp, conduit, maxRequestBodySize);

    /// <inheritdoc />
    public async Task ServeAsync(IReadOnlyList<HttpListen> listens, RequestDelegate app, CancellationToken cancellationToken)
    {
        if (_conduit is { SupportsTls: false } && listens.FirstOrDefault(l => l.Certificate is not null) is { } https)
        {
            throw new InvalidOperationException(ConduitError.TlsUnavailable($"HTTPS on TCP port {https.Port}").Message);
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
        builder.Logging.AddProvider(new MirageLoggerProvider());
        // Registered after the slim builder's socket transport, so Kestrel asks this one first.
        builder.Services.AddSingleton<IConnectionListenerFactory, FlowTransportFactory>();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, UnikernelLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = _maxRequestBodySize;
            foreach (var listen in listens)
            {
                kestrel.Listen(new FlowEndPoint(_tcp, listen.Port, _conduit), options =>
                {
                    // Without TLS there is no ALPN: a port speaks HTTP/1.1 or, by prior knowledge, h2c.
                    options.Protocols = listen.Certificate is not null ? HttpProtocols.Http1AndHttp2
                        : listen.Cleartext2 ? HttpProtocols.Http2
                        : HttpProtocols.Http1;
                    if (listen.Certificate is { } certificate)
                    {
                        options.UseHttps(new HttpsConnectionAdapterOptions
                        {
                            ServerCertificate = certificate,
                            ServerCertificateChain = listen.Intermediates is { Count: > 0 } chain ? chain : null,
                        });
                    }
                });
            }
        });
        await using var web = builder.Build();
        web.Run(app);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var listen in listens)
        {
            Log.Info($"listening on TCP port {listen.Port}: {Describe(listen)}");
        }
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await web.StopAsync(grace.Token).ConfigureAwait(false);
        }
    }

    private static string Describe(HttpListen listen) =>
        listen.Certificate is not null ? "HTTPS (h2, http/1.1 by ALPN)"
        : listen.Cleartext2 ? "h2c (HTTP/2 with prior knowledge)"
        : "HTTP/1.1";
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel over a stack's TCP layer: upstream's <c>cohttp_server</c> (given a stack) and
/// <c>paf_server</c> (given a TCP layer) both connect to one of these.
/// </summary>
public sealed class KestrelHttpServer : IHttpServer
{
    private static readonly LogSource Log = new("http");
    private readonly ITcp _tcp;

    private KestrelHttpServer(ITcp tcp) => _tcp = tcp;

    /// <summary>A server over <paramref name="tcp"/> (upstream's <c>paf_server</c>).</summary>
    public static KestrelHttpServer Connect(ITcp tcp) => new(tcp);

    /// <summary>A server over the TCP layer of <paramref name="stack"/> (upstream's <c>cohttp_server</c>).</summary>
    public static KestrelHttpServer Connect(IStackV4V6 stack) => new(stack.Tcp);

    /// <inheritdoc />
    public async Task ServeAsync(IReadOnlyList<HttpListen> listens, RequestDelegate app, CancellationToken cancellationToken)
    {
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
            foreach (var listen in listens)
            {
                kestrel.Listen(new FlowEndPoint(_tcp, listen.Port), options =>
                {
                    // Without TLS there is no ALPN: a port speaks HTTP/1.1 or, by prior knowledge, h2c.
                    options.Protocols = listen.Certificate is not null ? HttpProtocols.Http1AndHttp2
                        : listen.Cleartext2 ? HttpProtocols.Http2
                        : HttpProtocols.Http1;
                    if (listen.Certificate is { } certificate)
                    {
                        options.UseHttps(certificate);
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

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel over a stack's TCP layer: upstream's <c>cohttp_server</c> (given a stack) and
/// <c>paf_server</c> (given a TCP layer) both connect to one of these.
/// </summary>
public sealed class KestrelHttpServer : IHttpServer
{
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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var listen in listens)
            {
                kestrel.Listen(new FlowEndPoint(_tcp, listen.Port), options =>
                {
                    options.Protocols = HttpProtocols.Http1AndHttp2;
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
}

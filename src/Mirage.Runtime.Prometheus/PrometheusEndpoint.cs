using Microsoft.AspNetCore.Http;
using Mirage.Runtime.Http;
using Mirage.Runtime.Monitoring;

namespace Mirage.Runtime.Prometheus;

/// <summary>
/// The <c>prometheus_metrics</c> device: an HTTP server that answers <c>GET</c> (and <c>HEAD</c>) on
/// one path with the Prometheus text of the runtime's meters (<see cref="MetricsCollector.Includes"/>),
/// and hands every other request to the unikernel's own handler, on every port that server listens
/// on. It listens to the meters from the moment it is connected, so a scrape sees every increment
/// since start-up. Upstream MirageOS has no such device: a Mirage.NET addition, for those who scrape.
/// </summary>
public sealed class PrometheusEndpoint : IHttpServer, IDisposable
{
    /// <summary>The path Prometheus scrapes by default.</summary>
    public const string DefaultPath = "/metrics";

    private readonly IHttpServer _server;
    private readonly PathString _path;
    private readonly MetricsCollector _collector;

    private PrometheusEndpoint(IHttpServer server, string path, MetricsCollector collector)
    {
        _server = server;
        _path = new PathString(path);
        _collector = collector;
    }

    /// <summary>
    /// <paramref name="server"/> with the metrics at <paramref name="path"/> (an absolute path:
    /// <c>/metrics</c>); <paramref name="includes"/> chooses the meters (tests; null: the runtime's).
    /// </summary>
    public static PrometheusEndpoint Connect(IHttpServer server, string path = DefaultPath, Func<string, bool>? includes = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"prometheus_metrics: the path is absolute (starts with '/'), not '{path}'", nameof(path));
        }
        return new PrometheusEndpoint(server, path, new MetricsCollector(includes));
    }

    /// <summary>The text a scrape returns now.</summary>
    public string Scrape() => PrometheusText.Format(_collector.Instruments());

    /// <inheritdoc />
    public Task ServeAsync(IReadOnlyList<HttpListen> listens, RequestDelegate app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return _server.ServeAsync(listens, context => context.Request.Path.Equals(_path) ? AnswerAsync(context) : app(context), cancellationToken);
    }

    private Task AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }
        var body = System.Text.Encoding.UTF8.GetBytes(Scrape());
        response.ContentType = PrometheusText.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Stops listening to the meters.</summary>
    public void Dispose() => _collector.Dispose();
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.StaticFiles;
using Mirage.Runtime;
using Mirage.Runtime.Http;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Dispatch;

/// <summary>
/// mirage-skeleton's static_website_tls: the files of <paramref name="data"/> over HTTPS with the
/// certificate <c>server.pem</c>/<c>server.key</c> of <paramref name="certs"/>, and on plain HTTP a
/// permanent redirect to the same path and query over HTTPS, for the host names the certificate is for.
/// </summary>
public sealed class Https(IKvRo data, IKvRo certs, IHttpServer server, int http, int https) : IJob
{
    private static readonly LogSource HttpsLog = new("https");
    private static readonly LogSource HttpLog = new("http");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secure = await Certificates.HttpsFromKvAsync(https, certs, cancellationToken: cancellationToken);
        HttpsLog.Info($"listening for HTTPS on {https}/TCP");
        HttpLog.Info($"listening for HTTP on {http}/TCP");
        // One server, two ports: the request's scheme says which answer it gets.
        await server.ServeAsync(
            [secure, HttpListen.Http(http)],
            context => context.Request.IsHttps ? ServeAsync(context) : Redirect(context, secure.Certificate!),
            cancellationToken);
    }

    /// <summary>The file at the request's path ("/" is index.html), or 404.</summary>
    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value is null or "" or "/" ? "/index.html" : context.Request.Path.Value;
        HttpsLog.Info($"[{context.Connection.Id}] serving {context.Request.GetDisplayUrl()}.");
        if (!Key.TryParse(path, out var key, out _)
            || !(await data.GetAsync(key, context.RequestAborted)).TryGetValue(out var body, out _))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
        context.Response.ContentType = ContentTypes.TryGetContentType(key.Basename, out var type) ? type : "application/octet-stream";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// A permanent redirect to the same host, path and query over HTTPS, for a host the certificate
    /// names. Any other <c>Host:</c> is answered 421 (misdirected): the site redirects only to
    /// itself, never to a host a client made up (an open redirect).
    /// </summary>
    private Task Redirect(HttpContext context, X509Certificate2 certificate)
    {
        var request = context.Request;
        var host = request.Host.Host;
        if (host.Length == 0 || !certificate.MatchesHostname(host.Trim('[', ']'), allowWildcards: true, allowCommonName: false))
        {
            HttpLog.Info($"[{request.GetDisplayUrl()}] -> 421: not a host of this site's certificate");
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            return Task.CompletedTask;
        }
        var target = UriHelper.BuildAbsolute("https", new HostString(host, https), request.PathBase, request.Path, request.QueryString);
        HttpLog.Info($"[{request.GetDisplayUrl()}] -> [{target}]");
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }
}

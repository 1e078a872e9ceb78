using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Mirage.Runtime;
using Mirage.Runtime.Http;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Website;

/// <summary>
/// The files of <paramref name="site"/> over HTTP on <paramref name="port"/>: a dictionary's
/// <c>index.html</c> for its path, 404 for anything else.
/// </summary>
public sealed class Serve(IKvRo site, IHttpServer server, int port) : IJob
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Info($"serving the site on port {port}");
        await server.ServeAsync([HttpListen.Http(port)], ServeAsync, cancellationToken);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        if (!Key.TryParse(context.Request.Path.Value ?? "/", out var key, out _))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if ((await site.ExistsAsync(key, aborted)).TryGetValue(out var kind, out _) && kind == KvEntryKind.Dictionary)
        {
            key /= "index.html";
        }
        if (!(await site.GetAsync(key, aborted)).TryGetValue(out var body, out var error))
        {
            Log.Info($"{context.Request.Path}: {error}");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = ContentTypes.TryGetContentType(key.Basename, out var type) ? type : "application/octet-stream";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, aborted);
    }
}

using Microsoft.AspNetCore.Http;

namespace Mirage.Runtime.Http;

/// <summary>
/// An HTTP server over a Mirage stack (upstream's <c>http_server</c>, from <c>cohttp_server</c> or
/// <c>paf_server</c>). Handlers are ASP.NET Core <see cref="RequestDelegate"/>s: what a .NET user
/// writes for Kestrel, and safe under Native AOT.
/// </summary>
public interface IHttpServer
{
    /// <summary>
    /// Answers on every port of <paramref name="listens"/> with <paramref name="app"/> until
    /// <paramref name="cancellationToken"/> is cancelled; then stops gracefully. Fails at once when
    /// a port cannot be listened on.
    /// </summary>
    Task ServeAsync(IReadOnlyList<HttpListen> listens, RequestDelegate app, CancellationToken cancellationToken);
}

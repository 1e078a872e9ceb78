using System.Net.Http;
using System.Security.Authentication;

using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.HttpClients;

/// <summary>Why a request of a <see cref="FlowHttpClients"/> client failed, in one line.</summary>
public static class HttpFailure
{
    /// <summary>
    /// The reason behind <paramref name="exception"/> (what <see cref="HttpClient"/> threw): the
    /// connect failure (a name that does not resolve, nobody answering), a refused certificate, a
    /// timeout, or the innermost message. (Under Native AOT the base library's own messages are
    /// resource keys; the connect failures are ours and stay readable, and a refused certificate
    /// is also logged in words by <see cref="TlsTrust"/>.)
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }
        if (chain.OfType<FlowConnectException>().FirstOrDefault() is { } connect)
        {
            return connect.Message;
        }
        if (chain.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
        {
            return $"the TLS handshake failed, the server's certificate refused or no protocol in common ({tls.Message})";
        }
        if (exception is TaskCanceledException { InnerException: TimeoutException })
        {
            return "no answer in time";
        }
        var kind = exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown and var error } ? $"{error}: " : "";
        return kind + chain[^1].Message;
    }
}

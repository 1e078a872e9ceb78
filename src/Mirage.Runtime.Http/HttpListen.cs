using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Http;

/// <summary>
/// One port an HTTP server answers on. In clear it speaks HTTP/1.1 and HTTP/2 with prior knowledge
/// (h2c); with a <see cref="Certificate"/> it speaks TLS and offers h2 and http/1.1 by ALPN.
/// </summary>
public sealed record HttpListen(int Port, X509Certificate2? Certificate = null)
{
    /// <summary>Plain HTTP on <paramref name="port"/>.</summary>
    public static HttpListen Http(int port) => new(port);

    /// <summary>HTTPS on <paramref name="port"/> with <paramref name="certificate"/> (which holds its private key).</summary>
    public static HttpListen Https(int port, X509Certificate2 certificate) => new(port, certificate);
}

using System.Security.Cryptography.X509Certificates;

namespace Mirage.Runtime.Http;

/// <summary>
/// One port an HTTP server answers on: HTTP/1.1 in clear; HTTP/2 in clear with prior knowledge
/// (h2c, <see cref="Cleartext2"/>), for clients that know; or TLS with a <see cref="Certificate"/>,
/// offering h2 and http/1.1 by ALPN, and sending the certificate's <see cref="Intermediates"/> with it.
/// </summary>
public sealed record HttpListen(
    int Port, X509Certificate2? Certificate = null, bool Cleartext2 = false, X509Certificate2Collection? Intermediates = null)
{
    /// <summary>HTTP/2 in clear, with prior knowledge (h2c), on <paramref name="port"/>.</summary>
    public static HttpListen H2c(int port) => new(port, Cleartext2: true);

    /// <summary>Plain HTTP on <paramref name="port"/>.</summary>
    public static HttpListen Http(int port) => new(port);

    /// <summary>
    /// HTTPS on <paramref name="port"/> with <paramref name="certificate"/> (which holds its private
    /// key), sending <paramref name="intermediates"/> (the rest of its chain) with it.
    /// </summary>
    public static HttpListen Https(int port, X509Certificate2 certificate, X509Certificate2Collection? intermediates = null) =>
        new(port, certificate, Intermediates: intermediates);
}

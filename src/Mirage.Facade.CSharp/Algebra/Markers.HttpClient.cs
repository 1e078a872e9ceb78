namespace Mirage.CSharp;

/// <summary>The module type of mimic, reaching a host and port without knowing how.</summary>
public sealed class Mimic
{
    private Mimic() { }
}

/// <summary>The module type of host name resolvers.</summary>
public sealed class Resolver
{
    private Resolver() { }
}

/// <summary>The module type of HTTP/1.1 clients over a resolver and a conduit.</summary>
public sealed class HttpClient
{
    private HttpClient() { }
}

/// <summary>The module type of HTTP clients offering h2 and http/1.1 by ALPN.</summary>
public sealed class AlpnClient
{
    private AlpnClient() { }
}

namespace Mirage.CSharp;

/// <summary>The module type of dual IPv4/IPv6 network stacks.</summary>
public sealed class StackV4V6
{
    private StackV4V6() { }
}

/// <summary>The module type of TCP layers over IPv4 and IPv6.</summary>
public sealed class TcpV4V6
{
    private TcpV4V6() { }
}

/// <summary>The module type of UDP layers over IPv4 and IPv6.</summary>
public sealed class UdpV4V6
{
    private UdpV4V6() { }
}

/// <summary>The module type of HTTP servers.</summary>
public sealed class HttpServer
{
    private HttpServer() { }
}

/// <summary>The module type of connections over a stack, in clear or with TLS (upstream's <c>conduit</c>).</summary>
public sealed class Conduit
{
    private Conduit() { }
}

/// <summary>The module type of HTTP servers over a conduit (upstream's <c>http</c>).</summary>
public sealed class Http
{
    private Http() { }
}

using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Network.Mimic;

/// <summary>
/// Upstream's <c>mimic</c> as built by <c>mimic_happy_eyeballs</c>: a way to reach a (host, port)
/// without knowing how. Here it connects through happy eyeballs, which looks host names up with
/// the DNS client that injected itself into it and races the addresses RFC 8305's way.
/// </summary>
public sealed class Mimic
{
    private static readonly LogSource Log = new("mimic");
    private readonly HappyEyeballs.HappyEyeballs _happyEyeballs;

    /// <summary>A mimic connecting through <paramref name="happyEyeballs"/>.</summary>
    public Mimic(HappyEyeballs.HappyEyeballs happyEyeballs)
    {
        ArgumentNullException.ThrowIfNull(happyEyeballs);
        _happyEyeballs = happyEyeballs;
    }

    /// <summary>
    /// The connect code of <c>mimic_happy_eyeballs</c>: the stack and the DNS client are functor
    /// arguments for their ordering only (the DNS client must have injected itself into happy
    /// eyeballs before a connection needs a lookup), as upstream.
    /// </summary>
    public static Mimic Connect(IStackV4V6 stack, HappyEyeballs.HappyEyeballs happyEyeballs, Dns.DnsClient dnsClient)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(dnsClient);
        return new Mimic(happyEyeballs);
    }

    /// <summary>
    /// Connects to <paramref name="host"/> (a host name, or an IPv4 or IPv6 literal, brackets
    /// allowed) on <paramref name="port"/>; a name that does not resolve, a port out of range or
    /// nobody answering is an error result.
    /// </summary>
    public async ValueTask<FlowConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (port is < 1 or > 65535)
        {
            return FlowConnection.Failed($"the port {port} is not between 1 and 65535");
        }
        var connection = await _happyEyeballs.ConnectAsync(host, [port], cancellationToken).ConfigureAwait(false);
        if (connection.Flow is not { } flow)
        {
            return FlowConnection.Failed(connection.Error ?? $"connecting to {host} failed");
        }
        Log.Debug($"{host}:{port}: connected to {connection.Destination}");
        return FlowConnection.Connected(flow);
    }

    /// <summary>This mimic as a connect function, for <see cref="HttpClients.FlowHttpClients"/>.</summary>
    public ConnectHost AsConnectHost() => ConnectAsync;
}

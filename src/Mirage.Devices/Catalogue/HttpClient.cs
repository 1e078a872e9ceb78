using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// An HTTP client (<c>System.Net.Http.HttpClient</c>) whose connections go through mimic,
    /// offering h2 and http/1.1 by ALPN over TLS (upstream's <c>paf_client</c>): a functor from
    /// <c>tcpv4v6</c> and <c>mimic</c>. Servers are checked against the system roots, or against the
    /// authorities of the runtime argument <c>--tls-ca=FILE</c> (PEM; prefixed by
    /// <paramref name="group"/>). It needs no package: HttpClient is in the base library. Every call
    /// makes a new device.
    /// </summary>
    public static Impl<Fn<TcpV4V6, Fn<Mimic, AlpnClient>>> PafClient(string group = "")
    {
        var g = CSharpLiteral.String(group);
        var tlsCa = TlsCaArg(group);
        return Declare.Device(
            "PafClient",
            ModuleTypes.TcpV4V6.To(ModuleTypes.Mimic.To(ModuleTypes.AlpnClient)),
            runtimeArgs: [tlsCa],
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.PafClient.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, "
                + $"{context.RuntimeArguments[tlsCa.Name]}, {g})");
    }

    /// <summary>
    /// An HTTP/1.1 client (<c>System.Net.Http.HttpClient</c>) looking hosts up with
    /// <paramref name="resolver"/> and connecting through <paramref name="conduit"/> (upstream's
    /// <c>cohttp_client resolver conduit</c>). https needs a conduit with TLS
    /// (<c>conduit_direct ~tls:true</c>); servers are checked as by <see cref="PafClient"/>, with
    /// <c>--tls-ca=FILE</c> (prefixed by <paramref name="group"/>). Every call makes a new device.
    /// </summary>
    public static Impl<HttpClient> CohttpClient(Impl<Resolver> resolver, Impl<Conduit> conduit, string group = "")
    {
        var g = CSharpLiteral.String(group);
        var tlsCa = TlsCaArg(group);
        var client = Declare.Device(
            "CohttpClient",
            ModuleTypes.Resolver.To(ModuleTypes.Conduit.To(ModuleTypes.HttpClient)),
            runtimeArgs: [tlsCa],
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.CohttpClient.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, "
                + $"{context.RuntimeArguments[tlsCa.Name]}, {g})");
        return Declare.Apply(Declare.Apply(client, resolver), conduit);
    }

    private static RuntimeArg TlsCaArg(string group) => new(
        GroupName(group, "tls-ca"), "Certificate authorities trusted instead of the system roots (PEM file).", "string?",
        $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.HttpClientArgs.TlsCa))}(null, {CSharpLiteral.String(group)})");
}

using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

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
    public static Impl PafClient(string group = "")
    {
        var g = CSharpLiteral.String(group);
        var tlsCa = TlsCaArg(group);
        return Impl.Of(new Device(
            "PafClient",
            new ModuleType.Functor(ModuleTypes.TcpV4V6, new ModuleType.Functor(ModuleTypes.Mimic, ModuleTypes.AlpnClient)),
            runtimeArgs: [tlsCa],
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.PafClient.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, "
                + $"{context.RuntimeArguments[tlsCa.Name]}, {g})"));
    }

    /// <summary>
    /// An HTTP/1.1 client (<c>System.Net.Http.HttpClient</c>) looking hosts up with
    /// <paramref name="resolver"/> and connecting through <paramref name="conduit"/> (upstream's
    /// <c>cohttp_client resolver conduit</c>). https needs a conduit with TLS
    /// (<c>conduit_direct ~tls:true</c>); servers are checked as by <see cref="PafClient"/>, with
    /// <c>--tls-ca=FILE</c> (prefixed by <paramref name="group"/>). Every call makes a new device.
    /// </summary>
    public static Impl CohttpClient(Impl resolver, Impl conduit, string group = "")
    {
        var g = CSharpLiteral.String(group);
        var tlsCa = TlsCaArg(group);
        var client = Impl.Of(new Device(
            "CohttpClient",
            new ModuleType.Functor(ModuleTypes.Resolver, new ModuleType.Functor(ModuleTypes.Conduit, ModuleTypes.HttpClient)),
            runtimeArgs: [tlsCa],
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.CohttpClient.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, "
                + $"{context.RuntimeArguments[tlsCa.Name]}, {g})"));
        return Impl.Apply(Impl.Apply(client, resolver), conduit);
    }

    private static RuntimeArg TlsCaArg(string group) => new(
        GroupName(group, "tls-ca"), "Certificate authorities trusted instead of the system roots (PEM file).", "string?",
        $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HttpClients.HttpClientArgs.TlsCa))}(null, {CSharpLiteral.String(group)})");
}

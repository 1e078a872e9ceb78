using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>Connections in clear over a stack (upstream's <c>Conduit_mirage.TCP</c>). Every call makes a new device.</summary>
    private static Impl<Fn<StackV4V6, Conduit>> ConduitTcp() => Declare.Device(
        "ConduitTcp",
        ModuleTypes.StackV4V6.To(ModuleTypes.Conduit),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.TcpConduit.Connect))}({context.Arguments[0]})");

    /// <summary>TLS on top of a conduit (upstream's <c>Conduit_mirage.TLS</c>). Every call makes a new device.</summary>
    private static Impl<Fn<Conduit, Conduit>> ConduitTls() => Declare.Device(
        "ConduitTls",
        ModuleTypes.Conduit.To(ModuleTypes.Conduit),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.TlsConduit.Connect))}({context.Arguments[0]})");

    /// <summary>
    /// Connections over <paramref name="stack"/>, with TLS when <paramref name="tls"/> is true
    /// (upstream's <c>conduit_direct ?tls stack</c>: <c>tls $ (tcp $ stack)</c> or <c>tcp $ stack</c>).
    /// A conduit without TLS refuses TLS endpoints and connections.
    /// </summary>
    public static Impl<Conduit> ConduitDirect(Impl<StackV4V6> stack, bool tls = false)
    {
        var tcp = Declare.Apply(ConduitTcp(), stack);
        return tls ? Declare.Apply(ConduitTls(), tcp) : tcp;
    }
}

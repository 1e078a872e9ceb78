using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>Connections in clear over a stack (upstream's <c>Conduit_mirage.TCP</c>). Every call makes a new device.</summary>
    public static Impl ConduitTcp() => Impl.Of(new Device(
        "ConduitTcp",
        new ModuleType.Functor(ModuleTypes.StackV4V6, ModuleTypes.Conduit),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.TcpConduit.Connect))}({context.Arguments[0]})"));

    /// <summary>TLS on top of a conduit (upstream's <c>Conduit_mirage.TLS</c>). Every call makes a new device.</summary>
    public static Impl ConduitTls() => Impl.Of(new Device(
        "ConduitTls",
        new ModuleType.Functor(ModuleTypes.Conduit, ModuleTypes.Conduit),
        connect: context => $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Conduit.TlsConduit.Connect))}({context.Arguments[0]})"));

    /// <summary>
    /// Connections over <paramref name="stack"/>, with TLS when <paramref name="tls"/> is true
    /// (upstream's <c>conduit_direct ?tls stack</c>: <c>tls $ (tcp $ stack)</c> or <c>tcp $ stack</c>).
    /// A conduit without TLS refuses TLS endpoints and connections.
    /// </summary>
    public static Impl ConduitDirect(Impl stack, bool tls = false)
    {
        var tcp = Impl.Apply(ConduitTcp(), stack);
        return tls ? Impl.Apply(ConduitTls(), tcp) : tcp;
    }
}

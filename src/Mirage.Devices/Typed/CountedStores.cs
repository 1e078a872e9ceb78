using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

/// <summary>
/// The one place key/value stores are counted: every device whose (final) module type is
/// <c>kv_ro</c> or <c>kv_rw</c> has its connect code wrapped in the runtime's counting decorator,
/// so each store of the catalogue, present or to come, publishes the <c>Mirage.KeyValue</c> meter
/// without counting anything itself.
/// </summary>
internal static class CountedStores
{
    private static readonly string Ro = RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.CountedKvRo.Wrap));
    private static readonly string Rw = RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.CountedKvRw.Wrap));

    /// <summary><paramref name="connect"/>, wrapped when <paramref name="type"/> makes a store.</summary>
    public static ConnectEmitter Around(ModuleType type, ConnectEmitter connect)
    {
        var result = type.Uncurry().Result;
        var wrap = result == ModuleTypes.KvRo.Type ? Ro
            : result == ModuleTypes.KvRw.Type ? Rw
            : null;
        return wrap is null ? connect : context => $"{wrap}({connect(context)})";
    }
}

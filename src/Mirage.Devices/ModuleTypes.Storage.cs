using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class ModuleTypes
{
    /// <summary>Block devices: <c>Mirage.Runtime.Block.IBlock</c> (upstream's <c>block</c>, <c>Mirage_block.S</c>).</summary>
    public static readonly ModuleType Block = new ModuleType.Base("block", RuntimeName.Of(nameof(Mirage.Runtime.Block.IBlock)));

    /// <summary>Read-only key/value stores: <c>Mirage.Runtime.KeyValue.IKvRo</c> (upstream's <c>kv_ro</c>, <c>Mirage_kv.RO</c>).</summary>
    public static readonly ModuleType KvRo = new ModuleType.Base("kv_ro", RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.IKvRo)));

    /// <summary>Read-write key/value stores: <c>Mirage.Runtime.KeyValue.IKvRw</c> (upstream's <c>kv_rw</c>, <c>Mirage_kv.RW</c>).</summary>
    public static readonly ModuleType KvRw = new ModuleType.Base("kv_rw", RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.IKvRw)));
}

using Mirage.Devices.Contract;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of block devices.</summary>
    public sealed class Block
    {
        private Block() { }
    }

    /// <summary>The module type of read-only key/value stores.</summary>
    public sealed class KvRo
    {
        private KvRo() { }
    }

    /// <summary>The module type of read-write key/value stores.</summary>
    public sealed class KvRw
    {
        private KvRw() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>Block devices: <c>Mirage.Runtime.Block.IBlock</c> (upstream's <c>block</c>, <c>Mirage_block.S</c>).</summary>
        public static readonly Typ<Block> Block = new("block", RuntimeName.Of(nameof(Mirage.Runtime.Block.IBlock)));

        /// <summary>Read-only key/value stores: <c>Mirage.Runtime.KeyValue.IKvRo</c> (upstream's <c>kv_ro</c>, <c>Mirage_kv.RO</c>).</summary>
        public static readonly Typ<KvRo> KvRo = new("kv_ro", RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.IKvRo)));

        /// <summary>Read-write key/value stores: <c>Mirage.Runtime.KeyValue.IKvRw</c> (upstream's <c>kv_rw</c>, <c>Mirage_kv.RW</c>).</summary>
        public static readonly Typ<KvRw> KvRw = new("kv_rw", RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.IKvRw)));
    }
}

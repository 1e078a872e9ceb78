using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Block devices.</summary>
    public static readonly Typ<Block> Block = ModuleTypes.Block;

    /// <summary>Read-only key/value stores.</summary>
    public static readonly Typ<KvRo> KvRo = ModuleTypes.KvRo;

    /// <summary>Read-write key/value stores.</summary>
    public static readonly Typ<KvRw> KvRw = ModuleTypes.KvRw;
}

public static partial class Devices
{
    /// <summary>The directory (relative to the config) embedded into the program when it is built (upstream's <c>crunch</c>).</summary>
    public static Impl<KvRo> Crunch(string directory) => Catalogue.Crunch(directory);

    /// <summary>The directory, relative to where the unikernel runs, read when it runs (upstream's <c>direct_kv_ro</c>).</summary>
    public static Impl<KvRo> DirectKvRo(string directory) => Catalogue.DirectKvRo(directory);

    /// <summary>
    /// <see cref="Crunch"/> or <see cref="DirectKvRo"/>, as the <c>--kv_ro=crunch|direct</c> configure
    /// key (<c>--GROUP-kv_ro</c> with a <paramref name="group"/>) or <paramref name="key"/> says (upstream's <c>generic_kv_ro</c>).
    /// </summary>
    public static Impl<KvRo> GenericKvRo(string directory, string? group = null, Value<KvRoKind>? key = null) =>
        Catalogue.GenericKvRo(directory, group, key?.KeyValue);

    /// <summary>The directory, relative to where the unikernel runs, as a read-write store with atomic writes (upstream's <c>direct_kv_rw</c>).</summary>
    public static Impl<KvRw> DirectKvRw(string directory) => Catalogue.DirectKvRw(directory);

    /// <summary>An empty read-write store in memory (upstream's <c>kv_rw_mem</c>). Each call makes a new device.</summary>
    public static Impl<KvRw> KvRwMem() => Catalogue.KvRwMem();

    /// <summary>The file, relative to where the unikernel runs, as a block device of 512-byte sectors (upstream's <c>block_of_file</c>).</summary>
    public static Impl<Block> BlockOfFile(string file) => Catalogue.BlockOfFile(file);

    /// <summary>The ramdisk <paramref name="name"/>, 16 MiB in memory (upstream's <c>ramdisk</c>).</summary>
    public static Impl<Block> Ramdisk(string name) => Catalogue.Ramdisk(name);

    /// <summary>
    /// <see cref="BlockOfFile"/> or <see cref="Ramdisk"/>, as the <c>--block=file|ramdisk</c> configure
    /// key (<c>--GROUP-block</c> with a <paramref name="group"/>) or <paramref name="key"/> says (upstream's <c>generic_block</c>).
    /// </summary>
    public static Impl<Block> GenericBlock(string name, string? group = null, Value<BlockKind>? key = null) =>
        Catalogue.GenericBlock(name, group, key?.KeyValue);
}

public static partial class Key
{
    /// <summary>
    /// The <c>kv_ro</c> configure key (<c>GROUP-kv_ro</c> with a <paramref name="group"/>): <c>crunch</c>
    /// (the default) or <c>direct</c> (upstream's <c>Key.kv_ro</c>).
    /// </summary>
    public static Key<KvRoKind> KvRo(string? group = null) => new(Catalogue.KvRoKey(group));

    /// <summary>
    /// The <c>block</c> configure key (<c>GROUP-block</c> with a <paramref name="group"/>): <c>file</c>
    /// or <c>ramdisk</c> (the default), as upstream's <c>Key.block</c>.
    /// </summary>
    public static Key<BlockKind> Block(string? group = null) => new(Catalogue.BlockKey(group));
}

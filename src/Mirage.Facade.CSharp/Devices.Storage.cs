using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Devices
{
    /// <summary>The directory (relative to the config) embedded into the program when it is built (upstream's <c>crunch</c>).</summary>
    public static Impl<KvRo> Crunch(string directory) => new(Catalogue.Crunch(directory));

    /// <summary>The directory, relative to where the unikernel runs, read when it runs (upstream's <c>direct_kv_ro</c>).</summary>
    public static Impl<KvRo> DirectKvRo(string directory) => new(Catalogue.DirectKvRo(directory));

    /// <summary>
    /// <see cref="Crunch"/> or <see cref="DirectKvRo"/>, as the <c>--kv_ro=crunch|direct</c> configure
    /// key says (<c>--GROUP-kv_ro</c> with a <paramref name="group"/>; upstream's <c>generic_kv_ro</c>).
    /// </summary>
    public static Impl<KvRo> GenericKvRo(string directory, string? group = null) => new(Catalogue.GenericKvRo(directory, group));

    /// <summary>The directory, relative to where the unikernel runs, as a read-write store with atomic writes (upstream's <c>direct_kv_rw</c>).</summary>
    public static Impl<KvRw> DirectKvRw(string directory) => new(Catalogue.DirectKvRw(directory));

    /// <summary>An empty read-write store in memory (upstream's <c>kv_rw_mem</c>). Each call makes a new device.</summary>
    public static Impl<KvRw> KvRwMem() => new(Catalogue.KvRwMem());

    /// <summary>The file, relative to where the unikernel runs, as a block device of 512-byte sectors (upstream's <c>block_of_file</c>).</summary>
    public static Impl<Block> BlockOfFile(string file) => new(Catalogue.BlockOfFile(file));

    /// <summary>The ramdisk <paramref name="name"/>, 16 MiB in memory (upstream's <c>ramdisk</c>).</summary>
    public static Impl<Block> Ramdisk(string name) => new(Catalogue.Ramdisk(name));

    /// <summary>
    /// <see cref="BlockOfFile"/> or <see cref="Ramdisk"/>, as the <c>--block=file|ramdisk</c> configure
    /// key says (<c>--GROUP-block</c> with a <paramref name="group"/>; upstream's <c>generic_block</c>).
    /// </summary>
    public static Impl<Block> GenericBlock(string name, string? group = null) => new(Catalogue.GenericBlock(name, group));
}

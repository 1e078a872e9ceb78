using Mirage.Devices.Contract;
using Mirage.Devices.Conversion;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

/// <summary>Which block device <c>generic_block</c> makes: the values of the <c>block</c> configure key.</summary>
public enum BlockKind
{
    /// <summary>A file of 512-byte sectors (<c>block_of_file</c>).</summary>
    File,

    /// <summary>A disk in memory (<c>ramdisk</c>).</summary>
    Ramdisk,
}

public static partial class Catalogue
{
    private static readonly Converter<BlockKind> BlockKinds =
        Converters.Enum([("file", BlockKind.File), ("ramdisk", BlockKind.Ramdisk)]);

    /// <summary>
    /// The file <paramref name="file"/>, relative to the working directory of the running unikernel,
    /// as a block device of 512-byte sectors (upstream's <c>block_of_file</c>). It must exist and be a
    /// whole number of sectors long; a file the unikernel may not write is read-only. Every call
    /// makes a new device.
    /// </summary>
    public static Impl<Block> BlockOfFile(string file)
    {
        var path = CSharpLiteral.String(string.IsNullOrEmpty(file)
            ? throw new ArgumentException("block_of_file: the file name is empty", nameof(file))
            : file);
        return Declare.Device(
            "BlockOfFile", ModuleTypes.Block, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Block.FileBlock.Connect))}({path})");
    }

    /// <summary>
    /// The ramdisk <paramref name="name"/>: 32 768 sectors of 512 bytes in memory, zeros until written
    /// (upstream's <c>ramdisk</c>). Every call makes a new device; devices of one name share the disk.
    /// </summary>
    public static Impl<Block> Ramdisk(string name)
    {
        var literal = CSharpLiteral.String(name ?? throw new ArgumentNullException(nameof(name)));
        return Declare.Device(
            "Ramdisk", ModuleTypes.Block, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Block.Ramdisk.Connect))}({literal})");
    }

    /// <summary>
    /// The <c>block</c> configure key (<c>GROUP-block</c> with a group): <c>file</c> or <c>ramdisk</c>
    /// (the default), as upstream's <c>Key.block</c> less Xen's <c>xenstore</c>.
    /// </summary>
    public static Key BlockKey(string? group = null) => BlockKinds.CreateKey(
        GroupName(group, "block"),
        BlockKind.Ramdisk,
        $"Use file|ramdisk pass-through implementation for {GroupDoc(group)}.");

    /// <summary>
    /// <see cref="BlockOfFile"/> or <see cref="Ramdisk"/> of <paramref name="name"/>, as
    /// <paramref name="key"/> says (upstream's <c>generic_block</c>); by default the value of a
    /// <see cref="BlockKey"/> for <paramref name="group"/>.
    /// </summary>
    public static Impl<Block> GenericBlock(string name, string? group = null, KeyValue? key = null)
    {
        var ramdisk = Ramdisk(name);
        return Declare.Match(
            key ?? KeyValue.Of(BlockKey(group)), [(BlockKind.File, BlockOfFile(name)), (BlockKind.Ramdisk, ramdisk)], ramdisk);
    }
}

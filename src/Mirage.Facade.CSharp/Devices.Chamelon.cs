using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Devices
{
    /// <summary>
    /// A read-write store in the littlefs v2 format on <paramref name="block"/> (upstream's
    /// <c>chamelon ~program_block_size block</c>), commits padded to <paramref name="programBlockSize"/>
    /// (upstream's example: <c>Dsl.RuntimeArg("program-block-size", ArgKind.Int(16))</c>).
    /// <c>--chamelon-format</c> makes an empty store when the unikernel starts.
    /// </summary>
    public static Impl<KvRw> Chamelon(RuntimeArg<int> programBlockSize, Impl<Block> block) =>
        Catalogue.Chamelon(programBlockSize.RuntimeArg, block);
}

using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary><c>--chamelon-format</c>: format the block device before connecting (erases it).</summary>
    private static readonly RuntimeArg ChamelonFormat = new(
        "chamelon-format",
        "Format the chamelon store's block device (erasing it) before connecting.",
        "bool",
        RuntimeName.Of(nameof(Mirage.Runtime.Chamelon.ChamelonArgs.Format)) + "()");

    /// <summary>
    /// A read-write store in the littlefs v2 format on <paramref name="block"/> (upstream's
    /// <c>chamelon ~program_block_size block</c>), commits padded to the int runtime argument
    /// <paramref name="programBlockSize"/>. The device must hold a store: the runtime argument
    /// <c>--chamelon-format</c> makes an empty one first. Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">The program block size is not an int runtime argument.</exception>
    public static Impl<KvRw> Chamelon(RuntimeArg programBlockSize, Impl<Block> block)
    {
        ArgumentNullException.ThrowIfNull(programBlockSize);
        if (programBlockSize.CSharpType != "int")
        {
            throw new ArgumentException(
                $"chamelon: the program block size must be an int runtime argument; --{programBlockSize.Name} is {programBlockSize.CSharpType}",
                nameof(programBlockSize));
        }
        // A size below littlefs's minimum exits 64 naming the option when the program starts, not 1 at connect.
        var checkedSize = Arguments.RuntimeArgChecks.Refined(
            programBlockSize, RuntimeName.Of(nameof(Mirage.Runtime.Chamelon.ChamelonArgs.CheckProgramBlockSize)));
        return Declare.Apply(
            Declare.Device(
                "Chamelon",
                ModuleTypes.Block.To(ModuleTypes.KvRw),
                packages: [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Chamelon)))],
                runtimeArgs: [checkedSize, ChamelonFormat],
                connect: context =>
                    $"await {RuntimeName.Of(nameof(Mirage.Runtime.Chamelon.ChamelonKv.ConnectAsync))}({context.Arguments[0]}, "
                    + $"{context.RuntimeArguments[programBlockSize.Name]}, {context.RuntimeArguments[ChamelonFormat.Name]})"),
            block);
    }
}

using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// The FAT12/16/32 file system on <paramref name="block"/> as a read-only store (upstream's
    /// <c>fat_ro</c>): long names as keys, values read in place. Every call makes a new device.
    /// </summary>
    public static Impl<KvRo> FatRo(Impl<Block> block) => Declare.Apply(
        Declare.Device(
            "FatRo",
            ModuleTypes.Block.To(ModuleTypes.KvRo),
            packages: [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Fat)))],
            connect: c => $"await {RuntimeName.Of(nameof(Mirage.Runtime.Fat.FatKvRo.ConnectAsync))}({c.Arguments[0]})"),
        block);
}

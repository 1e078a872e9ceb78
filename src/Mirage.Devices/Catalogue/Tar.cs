using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    private static readonly IReadOnlyList<Package> TarPackages = [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Tar)))];

    /// <summary>
    /// The tar archive on <paramref name="block"/> as a read-only store (upstream's <c>tar_kv_ro</c>):
    /// ustar, pax and GNU archives, values read in place. Every call makes a new device.
    /// </summary>
    public static Impl<KvRo> TarKvRo(Impl<Block> block) => Declare.Apply(
        Declare.Device(
            "TarKvRo",
            ModuleTypes.Block.To(ModuleTypes.KvRo),
            packages: TarPackages,
            connect: c => $"await {RuntimeName.Of(nameof(Mirage.Runtime.Tar.TarKvRo.ConnectAsync))}({c.Arguments[0]})"),
        block);

    /// <summary>
    /// The tar archive on <paramref name="block"/> as a read-write store that appends (upstream's
    /// <c>tar_kv_rw</c>); a block of zeros is an empty archive. Every call makes a new device.
    /// </summary>
    public static Impl<KvRw> TarKvRw(Impl<Block> block) => Declare.Apply(
        Declare.Device(
            "TarKvRw",
            ModuleTypes.Block.To(ModuleTypes.KvRw),
            packages: TarPackages,
            connect: c => $"await {RuntimeName.Of(nameof(Mirage.Runtime.Tar.TarKvRw.ConnectAsync))}({c.Arguments[0]})"),
        block);
}

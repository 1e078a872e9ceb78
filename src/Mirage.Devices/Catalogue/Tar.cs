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
    public static Impl<KvRo> TarKvRo(Impl<Block> block) =>
        TarStore("TarKvRo", ModuleTypes.KvRo, RuntimeName.Of(nameof(Mirage.Runtime.Tar.TarKvRo.ConnectAsync)), block);

    /// <summary>
    /// The tar archive on <paramref name="block"/> as a read-write store that appends (upstream's
    /// <c>tar_kv_rw</c>); a block of zeros is an empty archive. Every call makes a new device.
    /// </summary>
    public static Impl<KvRw> TarKvRw(Impl<Block> block) =>
        TarStore("TarKvRw", ModuleTypes.KvRw, RuntimeName.Of(nameof(Mirage.Runtime.Tar.TarKvRw.ConnectAsync)), block);

    /// <summary>A store of type <paramref name="typ"/> on <paramref name="block"/>, connected by awaiting <paramref name="connect"/>.</summary>
    private static Impl<T> TarStore<T>(string name, Typ<T> typ, string connect, Impl<Block> block) => Declare.Apply(
        Declare.Device(
            name,
            ModuleTypes.Block.To(typ),
            packages: TarPackages,
            connect: c => $"await {connect}({c.Arguments[0]})"),
        block);
}

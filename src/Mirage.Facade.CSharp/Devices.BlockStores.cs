using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Devices
{
    /// <summary>The tar archive on <paramref name="block"/> as a read-only store (upstream's <c>tar_kv_ro</c>).</summary>
    public static Impl<KvRo> TarKvRo(Impl<Block> block) => Catalogue.TarKvRo(block);

    /// <summary>The tar archive on <paramref name="block"/> as a read-write store that appends (upstream's <c>tar_kv_rw</c>).</summary>
    public static Impl<KvRw> TarKvRw(Impl<Block> block) => Catalogue.TarKvRw(block);

    /// <summary>The FAT12/16/32 file system on <paramref name="block"/> as a read-only store (upstream's <c>fat_ro</c>).</summary>
    public static Impl<KvRo> FatRo(Impl<Block> block) => Catalogue.FatRo(block);

    /// <summary>
    /// <paramref name="block"/> encrypted and authenticated by AES-CCM (upstream's <c>ccm_block</c>):
    /// the key is the hex value of the runtime argument <paramref name="key"/>, nonces are
    /// <paramref name="nonceLen"/> bytes (8 by default).
    /// </summary>
    public static Impl<Block> CcmBlock(RuntimeArg<string> key, Impl<Block> block, int? nonceLen = null) =>
        Catalogue.CcmBlock(key.RuntimeArg, block, nonceLen);
}

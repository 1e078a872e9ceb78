namespace Mirage

open Mirage.Devices

/// Stores and filters on block devices: tar archives and FAT file systems as key/value stores, AES-CCM encrypted blocks.
[<AutoOpen>]
module BlockStoreDevices =

    type Dsl with

        /// <summary>The tar archive on <paramref name="block"/> as a read-only store (upstream's <c>tar_kv_ro</c>).</summary>
        static member tar_kv_ro(block: block impl) : kv_ro impl = Catalogue.TarKvRo block

        /// <summary>
        /// The tar archive on <paramref name="block"/> as a read-write store that appends (upstream's
        /// <c>tar_kv_rw</c>); a block of zeros is an empty archive.
        /// </summary>
        static member tar_kv_rw(block: block impl) : kv_rw impl = Catalogue.TarKvRw block

        /// <summary>The FAT12/16/32 file system on <paramref name="block"/> as a read-only store (upstream's <c>fat_ro</c>).</summary>
        static member fat_ro(block: block impl) : kv_ro impl = Catalogue.FatRo block

        /// <summary>
        /// <paramref name="block"/> with every sector encrypted and authenticated by AES-CCM (upstream's
        /// <c>ccm_block ?nonce_len key block</c>): the key is the hex value of the runtime argument
        /// <paramref name="key"/>, nonces are <paramref name="nonce_len"/> bytes (8 by default).
        /// </summary>
        static member ccm_block(key: string runtime_arg, block: block impl, ?nonce_len: int) : block impl =
            Catalogue.CcmBlock(key.RuntimeArg, block, Option.toNullable nonce_len)

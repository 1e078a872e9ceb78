namespace Mirage

open Mirage.Devices

/// The module type of read-only key/value stores (upstream's <c>kv_ro</c>, <c>Mirage_kv.RO</c>).
type kv_ro = Mirage.CSharp.KvRo

/// The module type of read-write key/value stores (upstream's <c>kv_rw</c>, <c>Mirage_kv.RW</c>).
type kv_rw = Mirage.CSharp.KvRw

/// The module type of block devices (upstream's <c>block</c>, <c>Mirage_block.S</c>).
type block = Mirage.CSharp.Block

/// <summary>Which device <c>generic_block</c> makes: <c>BlockKind.File</c> or <c>BlockKind.Ramdisk</c>.</summary>
type block_kind = BlockKind

/// <summary>How <c>generic_kv_ro</c> reads its directory: <c>KvRoKind.Crunch</c> or <c>KvRoKind.Direct</c>.</summary>
type kv_ro_kind = KvRoKind

/// The storage devices: key/value stores and block devices, as members of <c>Dsl</c>, and their configure keys.
[<AutoOpen>]
module StorageDevices =

    type Dsl with

        /// The module type of read-only key/value stores.
        static member kv_ro: kv_ro typ = ModuleTypes.KvRo

        /// The module type of read-write key/value stores.
        static member kv_rw: kv_rw typ = ModuleTypes.KvRw

        /// <summary>
        /// The directory <paramref name="dir"/> (relative to the config) embedded into the unikernel
        /// when it is built (upstream's <c>crunch</c>); editing it afterwards changes nothing.
        /// </summary>
        static member crunch(dir: string) : kv_ro impl = Catalogue.Crunch dir

        /// <summary>
        /// The directory <paramref name="dir"/>, relative to where the unikernel runs, read when it
        /// runs (upstream's <c>direct_kv_ro</c>).
        /// </summary>
        static member direct_kv_ro(dir: string) : kv_ro impl = Catalogue.DirectKvRo dir

        /// <summary>
        /// <c>crunch dir</c> or <c>direct_kv_ro dir</c>, as <paramref name="key"/> says (upstream's
        /// <c>generic_kv_ro</c>): by default the <c>--kv_ro=crunch|direct</c> configure key
        /// (<c>--GROUP-kv_ro</c> with a group), crunch unless given.
        /// </summary>
        static member generic_kv_ro(dir: string, ?group: string, ?key: kv_ro_kind value) : kv_ro impl =
            let key = key |> Option.map _.KeyValue |> Option.toObj
            Catalogue.GenericKvRo(dir, Option.toObj group, key)

        /// <summary>
        /// The directory <paramref name="dir"/>, relative to where the unikernel runs, as a read-write
        /// store whose writes are atomic (upstream's <c>direct_kv_rw</c>).
        /// </summary>
        static member direct_kv_rw(dir: string) : kv_rw impl = Catalogue.DirectKvRw dir

        /// An empty read-write store in memory (upstream's <c>kv_rw_mem ()</c>); each call makes a new device.
        static member kv_rw_mem() : kv_rw impl = Catalogue.KvRwMem()

        /// The module type of block devices.
        static member block: block typ = ModuleTypes.Block

        /// <summary>
        /// The file <paramref name="file"/>, relative to where the unikernel runs, as a block device of
        /// 512-byte sectors (upstream's <c>block_of_file</c>).
        /// </summary>
        static member block_of_file(file: string) : block impl = Catalogue.BlockOfFile file

        /// <summary>The ramdisk <paramref name="name"/>: 16 MiB in memory (upstream's <c>ramdisk</c>).</summary>
        static member ramdisk(name: string) : block impl = Catalogue.Ramdisk name

        /// <summary>
        /// <c>block_of_file name</c> or <c>ramdisk name</c>, as <paramref name="key"/> says (upstream's
        /// <c>generic_block</c>): by default the <c>--block=file|ramdisk</c> configure key
        /// (<c>--GROUP-block</c> with a group), ramdisk unless given.
        /// </summary>
        static member generic_block(name: string, ?group: string, ?key: block_kind value) : block impl =
            let key = key |> Option.map _.KeyValue |> Option.toObj
            Catalogue.GenericBlock(name, Option.toObj group, key)

    type Key with

        /// <summary>
        /// The <c>kv_ro</c> configure key (<c>GROUP-kv_ro</c> with a group): <c>crunch</c> (the default)
        /// or <c>direct</c> (upstream's <c>Key.kv_ro</c>).
        /// </summary>
        static member kv_ro(?group: string) : kv_ro_kind key =
            key<kv_ro_kind>(Catalogue.KvRoKey(Option.toObj group))

        /// <summary>
        /// The <c>block</c> configure key (<c>GROUP-block</c> with a group): <c>file</c> or
        /// <c>ramdisk</c> (the default), as upstream's <c>Key.block</c>.
        /// </summary>
        static member block(?group: string) : block_kind key =
            key<block_kind>(Catalogue.BlockKey(Option.toObj group))

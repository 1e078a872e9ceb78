namespace Mirage

open Mirage.Devices

/// The module type of read-only key/value stores (upstream's <c>kv_ro</c>, <c>Mirage_kv.RO</c>).
[<AbstractClass; Sealed>]
type kv_ro = class end

/// The module type of read-write key/value stores (upstream's <c>kv_rw</c>, <c>Mirage_kv.RW</c>).
[<AbstractClass; Sealed>]
type kv_rw = class end

/// <summary>How <c>generic_kv_ro</c> reads its directory: <c>KvRoKind.Crunch</c> or <c>KvRoKind.Direct</c>.</summary>
type kv_ro_kind = KvRoKind

/// The storage devices: key/value stores and block devices, as members of <c>Dsl</c>.
[<AutoOpen>]
module StorageDevices =

    let private kvRoTyp = typ<kv_ro> ModuleTypes.KvRo
    let private kvRwTyp = typ<kv_rw> ModuleTypes.KvRw

    type Dsl with

        /// The module type of read-only key/value stores.
        static member kv_ro: kv_ro typ = kvRoTyp

        /// The module type of read-write key/value stores.
        static member kv_rw: kv_rw typ = kvRwTyp

        /// <summary>
        /// The directory <paramref name="dir"/> (relative to the config) embedded into the unikernel
        /// when it is built (upstream's <c>crunch</c>); editing it afterwards changes nothing.
        /// </summary>
        static member crunch(dir: string) : kv_ro impl = impl<kv_ro>(Catalogue.Crunch dir)

        /// <summary>
        /// The directory <paramref name="dir"/>, relative to where the unikernel runs, read when it
        /// runs (upstream's <c>direct_kv_ro</c>).
        /// </summary>
        static member direct_kv_ro(dir: string) : kv_ro impl = impl<kv_ro>(Catalogue.DirectKvRo dir)

        /// <summary>
        /// <c>crunch dir</c> or <c>direct_kv_ro dir</c>, as <paramref name="key"/> says (upstream's
        /// <c>generic_kv_ro</c>): by default the <c>--kv_ro=crunch|direct</c> configure key
        /// (<c>--GROUP-kv_ro</c> with a group), crunch unless given.
        /// </summary>
        static member generic_kv_ro(dir: string, ?group: string, ?key: kv_ro_kind value) : kv_ro impl =
            let key = key |> Option.map _.KeyValue |> Option.toObj
            impl<kv_ro>(Catalogue.GenericKvRo(dir, Option.toObj group, key))

        /// <summary>
        /// The directory <paramref name="dir"/>, relative to where the unikernel runs, as a read-write
        /// store whose writes are atomic (upstream's <c>direct_kv_rw</c>).
        /// </summary>
        static member direct_kv_rw(dir: string) : kv_rw impl = impl<kv_rw>(Catalogue.DirectKvRw dir)

        /// An empty read-write store in memory (upstream's <c>kv_rw_mem ()</c>); each call makes a new device.
        static member kv_rw_mem() : kv_rw impl = impl<kv_rw>(Catalogue.KvRwMem())

    type Key with

        /// <summary>
        /// The <c>kv_ro</c> configure key (<c>GROUP-kv_ro</c> with a group): <c>crunch</c> (the default)
        /// or <c>direct</c> (upstream's <c>Key.kv_ro</c>).
        /// </summary>
        static member kv_ro(?group: string) : kv_ro_kind key =
            key<kv_ro_kind>(Catalogue.KvRoKey(Option.toObj group))

namespace Mirage

open Mirage.Devices

/// The chamelon store (littlefs on a block device), as a member of <c>Dsl</c>.
[<AutoOpen>]
module ChamelonDevices =

    type Dsl with

        /// <summary>
        /// A read-write store in the littlefs v2 format on <paramref name="block"/> (upstream's
        /// <c>chamelon ~program_block_size block</c>), commits padded to the int runtime argument
        /// <paramref name="program_block_size"/> (upstream's example: <c>runtime_arg ("program-block-size",
        /// Runtime_arg.int 16)</c>). <c>--chamelon-format</c> makes an empty store when the unikernel starts.
        /// </summary>
        static member chamelon(program_block_size: int runtime_arg, block: block impl) : kv_rw impl =
            Catalogue.Chamelon(program_block_size.RuntimeArg, block)

// A speaking clock: every second, how long it has run and what time it is (mirage-skeleton's
// device-usage/clock), `--ticks` times. `mirage configure --mock-clocks` swaps in the mock clocks,
// which stay at zero and at the epoch.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let mockClocks =
    Key.create ("mock-clocks", Key.Arg.flag (Key.Arg.info "Use the mock clocks, which only move when set."))

let ticks =
    runtime_arg ("ticks", Runtime_arg.int 3, doc = "How many times the clock speaks.")

let main =
    main ("Unikernel.SpeakingClock", ptime @-> mtime @-> sleep @-> job, runtime_args = [ ticks ])

let ptime = if_impl (Key.value mockClocks) mock_ptime default_ptime
let mtime = if_impl (Key.value mockClocks) mock_mtime default_mtime

register ("clock", [ main $ ptime $ mtime $ default_sleep ])

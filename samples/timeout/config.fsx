// A task that takes a random time up to three seconds, raced against a two-second timeout: it
// returns "Heads" or is cancelled (mirage-skeleton's tutorial/lwt/timeout1 and timeout2).
// `--delay MS` fixes the task's time instead of drawing it.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let delay =
    runtime_arg (
        "delay",
        Runtime_arg.int (-1),
        doc = "The task's time in milliseconds; negative: drawn at random below 3000."
    )

let main =
    main ("Unikernel.Timeout", sleep @-> random @-> job, runtime_args = [ delay ])

register ("timeout", [ main $ default_sleep $ default_random ])

// Two tasks at once: "Heads" after one second, "Tails" after two, then "Finished" once both are
// done (mirage-skeleton's tutorial/lwt/heads1 and heads2).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Heads", sleep @-> job)

register ("heads", [ main $ default_sleep ])

// A secret in a read-only key/value store: `mirage configure --kv_ro=crunch` embeds t/ into the
// program when it is built, `--kv_ro=direct` reads t/ when it runs (mirage-skeleton's device-usage/kv_ro).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let disk = generic_kv_ro "t"

let main = main ("Unikernel.Main", kv_ro @-> job)

register ("kv_ro", [ main $ disk ])

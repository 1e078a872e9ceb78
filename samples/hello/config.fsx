// Logs "hello" four times, one second apart (mirage-skeleton's tutorial/hello).
// The #r is for editors; `mirage configure` references the eDSL by itself.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Hello", sleep @-> job)

register ("hello", [ main $ default_sleep ])

// hello, with what to say given at run time: `./dist/hello-key --hello="Bonjour !"`
// (mirage-skeleton's tutorial/hello-key).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let hello =
    runtime_arg ("hello", Runtime_arg.string "Hello World!", doc = "How to say hello.")

let main = main ("Unikernel.Hello", sleep @-> job, runtime_args = [ hello ])

register ("hello-key", [ main $ default_sleep ])

// A unikernel that uses a library project beside it, Greeting/Greeting.csproj (mirage-skeleton's
// tutorial/local-library): `local_libs` makes the generated project reference it.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let main =
    main ("Unikernel.Hello", job, local_libs = [ "Greeting/Greeting.csproj" ])

register ("local-library", [ main ])

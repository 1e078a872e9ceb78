// Prints what the unikernel knows about itself: its name, version and target, and the packages
// configure resolved for it (mirage-skeleton's tutorial/app_info).
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let main =
    main (
        "Unikernel.Info",
        app_info @-> job,
        packages = [ package ("Microsoft.Extensions.Primitives", min = "10.0.0", max = "11.0.0") ]
    )

register ("app_info", [ main $ default_app_info (version = "1.0.0") ])

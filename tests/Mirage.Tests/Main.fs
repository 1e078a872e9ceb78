module Mirage.Tests.Main

open Expecto
open Expecto.Impl

/// Prints the suite's closing line, `N passed, N failed`, alone on the last line, after Expecto's own summary.
let private withClosingLine (printer: TestPrinters) =
    { printer with
        summary =
            fun config summary ->
                async {
                    do! printer.summary config summary
                    let failed = summary.failed.Length + summary.errored.Length
                    stdout.Flush()
                    printfn "%d passed, %d failed" summary.passed.Length failed
                } }

[<EntryPoint>]
let main argv =
    let config =
        { defaultConfig with
            printer = withClosingLine defaultConfig.printer }

    runTestsInAssemblyWithCLIArgs [ Printer config.printer ] argv

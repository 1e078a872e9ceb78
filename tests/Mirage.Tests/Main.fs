module Mirage.Tests.Main

open Expecto
open Expecto.Impl

/// Counts of the last run, taken from Expecto's summary.
let mutable private counts = 0, 0

let private counting (printer: TestPrinters) =
    { printer with
        summary =
            fun config summary ->
                counts <- summary.passed.Length, summary.failed.Length + summary.errored.Length
                printer.summary config summary
    }

[<EntryPoint>]
let main argv =
    // No spinner and no colours, and the closing line printed once Expecto has finished writing:
    // CI reads `N passed, N failed`, which must stand alone on the last line.
    let exitCode =
        runTestsInAssemblyWithCLIArgs [ Printer(counting defaultConfig.printer); No_Spinner; Colours 0 ] argv

    stdout.Flush()
    let passed, failed = counts
    // Straight to the process's stdout: Expecto wraps Console.Out and pads what goes through it.
    use raw = new System.IO.StreamWriter(System.Console.OpenStandardOutput())
    raw.Write $"\n{passed} passed, {failed} failed\n"
    exitCode

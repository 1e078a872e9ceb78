module Mirage.Tests.Main

open Expecto
open Expecto.Impl

/// Counts of the last run, taken from Expecto's summary.
let mutable private counts = 0, 0

/// The slowest tests of the last run, to see where CI's time goes (parallel tests overlap, so
/// these do not add up to the run's wall time).
let mutable private slowest: (string * System.TimeSpan) list = []

let private counting (printer: TestPrinters) =
    { printer with
        summary =
            fun config summary ->
                counts <- summary.passed.Length, summary.failed.Length + summary.errored.Length

                slowest <-
                    summary.results
                    |> List.map (fun (test, result) -> String.concat "/" test.name, result.duration)
                    |> List.sortByDescending snd
                    |> List.truncate 15

                printer.summary config summary
    }

[<EntryPoint>]
let main argv =
    // Development mode: the unikernels these tests generate reference the runtime projects of this
    // checkout, not the runtime packages (the Packaging tests set their own environment).
    if System.String.IsNullOrEmpty(System.Environment.GetEnvironmentVariable "MIRAGE_RUNTIME_PROJECT") then
        System.Environment.SetEnvironmentVariable(
            "MIRAGE_RUNTIME_PROJECT",
            System.IO.Path.Combine(
                Mirage.Tests.Support.Processes.repoRoot,
                "src",
                "Mirage.Runtime",
                "Mirage.Runtime.csproj"
            )
        )

    // No spinner and no colours, and the closing line printed once Expecto has finished writing:
    // CI reads `N passed, N failed`, which must stand alone on the last line.
    let exitCode =
        runTestsInAssemblyWithCLIArgs [ Printer(counting defaultConfig.printer); No_Spinner; Colours 0 ] argv

    stdout.Flush()
    let passed, failed = counts
    // Straight to the process's stdout: Expecto wraps Console.Out and pads what goes through it.
    use raw = new System.IO.StreamWriter(System.Console.OpenStandardOutput())
    raw.Write "\nSlowest tests:\n"

    for name, duration in slowest do
        raw.Write $"  {duration.TotalSeconds, 7:F1} s  {name}\n"

    raw.Write $"\n{passed} passed, {failed} failed\n"
    exitCode

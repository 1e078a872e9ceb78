/// A unikernel whose C# does not fit its config fails to build, and the C# compiler's error points
/// at the line of config.fsx that declared the device (the generated code carries #line directives).
module Mirage.Tests.Cli.BuildErrorTests

open Expecto
open Mirage.Tests.Support.Processes

let private config =
    """open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Hello", sleep @-> job)

register ("misfit", [ main $ default_sleep ])
"""

/// A job with no constructor taking the sleep device the config hands it.
let private unikernel =
    """namespace Unikernel;

public sealed class Hello : Mirage.Runtime.IJob
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
"""

[<Tests>]
let tests =
    testSequenced
    <| testList
        "Cli.build errors"
        [
            testCase "a constructor that does not fit the config is an error located in config.fsx"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.fsx" config |> ignore
                dir.Write "Unikernel.cs" unikernel |> ignore
                let result = mirage dir.Path [ "build" ]
                Expect.notEqual result.ExitCode 0 $"build fails\n{result}"
                let output = result.Stdout + result.Stderr
                Expect.stringContains output "config.fsx(4" $"located at the main declaration\n{result}"
                Expect.stringContains output "error CS1729" $"the C# compiler's error\n{result}"
        ]

/// Property-based tests of hello-key's configuration with Mirage.Testing: its config.fsx is loaded
/// as `mirage configure` loads it, then configured in memory for random targets and key values.
module GraphProperties.Sample.HelloKeyTests

open System
open System.IO
open Expecto
open Mirage.Testing

/// What hello-key's config.fsx registers (compiled once, then cached like the CLI's).
let helloKey =
    lazy (Configs.Load(Path.Combine(__SOURCE_DIRECTORY__, "..", "hello-key", "config.fsx")))

[<Tests>]
let tests =
    testList
        "hello-key"
        [
            testProperty "configures on every target under every key assignment"
            <| GraphProperties.ConfiguresUnderEveryAssignment helloKey.Value

            testProperty "no two devices want one package in incompatible ways"
            <| GraphProperties.NoPackageConflict helloKey.Value

            testProperty "the unikernel is connected on aot"
            <| GraphProperties.DevicePresentWhen(helloKey.Value, "target", "aot", "Unikernel.Hello")

            // Any property of the generated code: here, the --hello runtime argument reaches the
            // unikernel's constructor by name on every target.
            testProperty "main.cs hands --hello to Unikernel.Hello"
            <| GraphProperties.ForAll(
                helloKey.Value,
                Func<_, _, _>(fun _ configuration ->
                    let main = configuration.File "main.cs"
                    main.Content.Contains "new Unikernel.Hello(" && main.Content.Contains "hello: ")
            )
        ]

[<EntryPoint>]
let main args = runTestsInAssemblyWithCLIArgs [] args

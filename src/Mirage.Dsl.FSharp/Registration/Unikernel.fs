namespace Mirage

open System.Runtime.CompilerServices
open Mirage.Engine.Diagnostics

/// <summary>What a <c>unikernel { ... }</c> block has said so far.</summary>
type UnikernelSpec =
    {
        Name: string option
        Jobs: job impl list
        Argv: argv impl option
        Reporter: reporter impl option
        Sleep: sleep impl option
        PTime: ptime impl option
        MTime: mtime impl option
        Random: random impl option
    }

    /// Nothing said yet.
    static member Empty =
        {
            Name = None
            Jobs = []
            Argv = None
            Reporter = None
            Sleep = None
            PTime = None
            MTime = None
            Random = None
        }

/// <summary>
/// Describes and registers a unikernel, as <c>register</c> does:
/// <code>
/// unikernel {
///     name "hello"
///     start (main ("Unikernel.Hello", sleep @-> job) $ default_sleep)
///     with_reporter (default_reporter (level = Logs.Debug))
/// }
/// </code>
/// The operations are not named <c>job</c>, <c>sleep</c>... because inside the block a custom
/// operation's name hides every value of that name, and those are the module types.
/// </summary>
type UnikernelBuilder internal () =

    member _.Yield(()) = UnikernelSpec.Empty

    /// The unikernel's name (required).
    [<CustomOperation("name")>]
    member _.Name(spec: UnikernelSpec, name: string) = { spec with Name = Some name }

    /// A job to start; say it once per job, in the order they start.
    [<CustomOperation("start")>]
    member _.Start(spec: UnikernelSpec, job: job impl) =
        { spec with Jobs = spec.Jobs @ [ job ] }

    /// The command line (default: <c>default_argv</c>).
    [<CustomOperation("with_argv")>]
    member _.WithArgv(spec: UnikernelSpec, argv: argv impl) = { spec with Argv = Some argv }

    /// The log reporter (default: <c>default_reporter ()</c>).
    [<CustomOperation("with_reporter")>]
    member _.WithReporter(spec: UnikernelSpec, reporter: reporter impl) = { spec with Reporter = Some reporter }

    /// The sleep device (default: <c>default_sleep</c>).
    [<CustomOperation("with_sleep")>]
    member _.WithSleep(spec: UnikernelSpec, sleep: sleep impl) = { spec with Sleep = Some sleep }

    /// The wall clock (default: <c>default_ptime</c>).
    [<CustomOperation("with_ptime")>]
    member _.WithPTime(spec: UnikernelSpec, ptime: ptime impl) = { spec with PTime = Some ptime }

    /// The monotonic clock (default: <c>default_mtime</c>).
    [<CustomOperation("with_mtime")>]
    member _.WithMTime(spec: UnikernelSpec, mtime: mtime impl) = { spec with MTime = Some mtime }

    /// The random generator (default: <c>default_random</c>).
    [<CustomOperation("with_random")>]
    member _.WithRandom(spec: UnikernelSpec, random: random impl) = { spec with Random = Some random }

    /// Checks the description and registers it.
    member _.Run(spec: UnikernelSpec, [<CallerFilePath>] ?file: string, [<CallerLineNumber>] ?line: int) : unit =
        match spec.Name with
        | None ->
            let message = "a unikernel { ... } block needs a name: add `name \"my-unikernel\"`"
            raise (ConfigurationException(Diagnostic("unikernel-name", message, Location.ofCaller file line)))
        | Some name ->
            Dsl.register (
                name,
                spec.Jobs,
                ?argv = spec.Argv,
                ?reporter = spec.Reporter,
                ?sleep = spec.Sleep,
                ?ptime = spec.PTime,
                ?mtime = spec.MTime,
                ?random = spec.Random,
                ?file = file,
                ?line = line
            )

/// The <c>unikernel { ... }</c> computation expression.
[<AutoOpen>]
module UnikernelExpression =

    /// <summary>Describes and registers a unikernel: <c>unikernel { name "hello"; start main }</c>.</summary>
    let unikernel = UnikernelBuilder()

/// Required runtime arguments (upstream's `Arg.required`) end to end: a unikernel configured from
/// config.fsx, then from its config.cs twin, refuses to start without them (exit 64, naming them).
module Mirage.Tests.Cli.RequiredArgTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples

let private configFsx =
    """open Mirage
open type Mirage.Dsl

let hello = runtime_arg ("hello", Runtime_arg.required_string, doc = "What to say.")
let times = runtime_arg ("times", Runtime_arg.required_int, doc = "How many times.", docv = "N")
let main = main ("Unikernel.Greet", job, runtime_args = [ hello; times ])

register ("greet", [ main ])
"""

let private configCs =
    """#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var hello = RuntimeArg("hello", ArgKind.RequiredString(), doc: "What to say.");
var times = RuntimeArg("times", ArgKind.RequiredInt(), doc: "How many times.", docv: "N");
var main = Main("Unikernel.Greet", Typ.Job, runtimeArgs: [hello, times]);

Register("greet", [main]);
"""

let private unikernel =
    """namespace Unikernel;

public sealed class Greet(string hello, int times) : Mirage.Runtime.IJob
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < times; i++)
        {
            Mirage.Runtime.Logging.Log.Info($"{hello}");
        }
        return Task.CompletedTask;
    }
}
"""

/// Configures from `config` and builds for unix in `dir`; returns the binary.
let private buildGreet (dir: TempDir) config =
    let binary = buildIn dir.Path [ "-f"; config; "-t"; "unix" ] "greet"
    let query = mirage dir.Path [ "query"; "runtime-args" ]
    Expect.stringContains query.Stdout "--hello : string (required)" $"query shows it required\n{query}"
    binary

let private expectRefused (result: Result) (message: string) =
    Expect.equal result.ExitCode 64 $"exit 64\n{result}"
    Expect.stringContains result.Stderr $"greet: {message}" "names what is missing"
    Expect.equal result.Stdout "" "nothing logged: the unikernel did not start"

[<Tests>]
let tests =
    sampleTests
        "Cli.required runtime arguments"
        [
            testCase
                "from config.fsx and config.cs: refused without them (64, named), --help marks them, given they work"
            <| fun () ->
                use dir = new TempDir()
                dir.Write "config.fsx" configFsx |> ignore
                dir.Write "config.cs" configCs |> ignore
                dir.Write "Unikernel.cs" unikernel |> ignore

                for config in [ "config.fsx"; "config.cs" ] do
                    let binary = buildGreet dir config
                    expectRefused (run dir.Path binary []) "required options '--hello', '--times' are missing"
                    expectRefused (run dir.Path binary [ "--hello=hi" ]) "required option '--times' is missing"
                    let help = run dir.Path binary [ "--help" ]
                    Expect.equal help.ExitCode 63 $"help without them\n{help}"
                    Expect.stringContains help.Stdout "--hello=STRING (required)" "--hello"
                    Expect.stringContains help.Stdout "--times=N (required)" "--times"
                    let given = run dir.Path binary [ "--hello=hi"; "--times=2" ]
                    Expect.equal given.ExitCode 0 $"given ({config})\n{given}"

                    Expect.equal
                        (given.StdoutLines |> Array.map (fun l -> l.Split("] ")[1]))
                        [| "hi"; "hi" |]
                        "says it twice"
        ]

module Mirage.Tests.Dsl.Registration

open Expecto
open Mirage
open type Mirage.Dsl
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// Every test that registers runs in this group (a capture is per flow of execution; the group keeps
/// these tests as they were written, one at a time).
let registryGroup = "Mirage.Registry"

let private here = System.IO.Path.Combine(__SOURCE_DIRECTORY__, __SOURCE_FILE__)

let private raised<'e when 'e :> exn> (f: unit -> unit) : 'e =
    try
        f ()
        failtestf "expected %s" typeof<'e>.Name
    with :? 'e as e ->
        e

/// What `register` recorded in the capture (as mirage's evaluation takes it).
let private take (capture: RegistrationCapture.Capture) =
    Expect.wantSome (Option.ofObj capture.Registered) "a registration"

let private initOf role (registration: Registration) =
    registration.Init
    |> Seq.pick (fun struct (r, impl) -> if r = role then Some impl else None)

let private hello () =
    main ("Unikernel.Hello", sleep @-> job) $ default_sleep

[<Tests>]
let tests =
    testSequencedGroup registryGroup
    <| testList
        "Dsl.Registration"
        [
            test "register records the unikernel for the CLI, once" {
                use capture = RegistrationCapture.Begin()
                let job = hello ()
                let (), line = register ("hello", [ job ], reporter = no_reporter), __LINE__
                let registration = take capture
                Expect.equal registration.Name "hello" "name"
                Expect.equal (List.ofSeq registration.Jobs) [ job.Impl ] "jobs"
                Expect.equal (initOf InitRole.Reporter registration) no_reporter.Impl "reporter override"
                Expect.equal (initOf InitRole.Sleep registration) default_sleep.Impl "sleep default"

                match registration.Location with
                | null -> failtest "register has no location"
                | l -> Expect.equal (l.File, string l.Line) (here, line) "location"

            }

            test "registering twice in one capture is an error naming both locations" {
                use capture = RegistrationCapture.Begin()
                let (), first = register ("first", [ noop ]), __LINE__

                let error = raised<ConfigurationException>(fun () -> register ("second", [ noop ]))

                let message = error.Message
                Expect.stringContains message $"'first' at {here}({first})" "the first location"
                Expect.stringContains message "'second' at" "the second registration"
                Expect.stringContains message here "the second location"
                Expect.equal (take capture).Name "first" "the first registration stays"
            }

            test "the unikernel expression registers what it describes" {
                use capture = RegistrationCapture.Begin()
                let job = hello ()
                let reporter = default_reporter (level = Logs.Debug)

                unikernel {
                    name "hello"
                    start job
                    start noop
                    with_reporter reporter
                    with_argv no_argv
                }

                let registration = take capture
                Expect.equal registration.Name "hello" "name"
                Expect.equal (List.ofSeq registration.Jobs) [ job.Impl; noop.Impl ] "jobs, in order"
                Expect.equal (initOf InitRole.Reporter registration) reporter.Impl "reporter"
                Expect.equal (initOf InitRole.Argv registration) no_argv.Impl "argv"
                Expect.equal (initOf InitRole.Random registration) default_random.Impl "random default"
            }

            test "the unikernel expression reads its argument expressions as ordinary code" {
                use capture = RegistrationCapture.Begin()

                unikernel {
                    name "hello"
                    start (main ("Unikernel.Hello", sleep @-> job) $ default_sleep)
                    with_reporter (default_reporter (level = Logs.Debug))
                    with_sleep default_sleep
                    with_ptime default_ptime
                    with_mtime default_mtime
                    with_random default_random
                }

                Expect.equal (take capture).Jobs.Count 1 "one job"
            }

            test "the unikernel expression needs a name" {
                use capture = RegistrationCapture.Begin()

                let error, line =
                    raised<ConfigurationException>(fun () -> unikernel { start noop }), __LINE__

                Expect.stringContains error.Message "`name" "names the keyword"

                match error.Diagnostics[0].Location with
                | null -> failtest "the error has no location"
                | l -> Expect.equal (l.File, string l.Line) (here, line) "located at the block"

                Expect.isNull capture.Registered "nothing registered"
            }
        ]

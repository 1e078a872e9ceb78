module Mirage.Tests.Runtime.JobsTests

open System
open System.Runtime.InteropServices
open System.Threading
open System.Threading.Tasks
open Expecto
open Mirage.Runtime
open Mirage.Runtime.Logging
open Mirage.Tests.Runtime.Fakes

[<DllImport("libc", SetLastError = true)>]
extern int private kill(int pid, int signal)

let private sigterm = 15

/// A job that runs until cancelled, then records that it was.
let private untilCancelled (cancelled: TaskCompletionSource) =
    Job.Create(fun token ->
        task {
            try
                do! Task.Delay(Timeout.Infinite, token)
            finally
                cancelled.TrySetResult() |> ignore
        })

let private failingWith (error: exn) =
    Job.Create(fun _ ->
        task {
            do! Task.Yield()
            raise error
        })

/// Waits (boundedly) for `t` to end, however it ends.
let private wait (t: Task) =
    Task.WhenAny(t, Task.Delay(TimeSpan.FromSeconds 30.0)).Wait()
    Expect.isTrue t.IsCompleted "finished within 30 s"

/// What awaiting `t` throws (the task's own exception, not an AggregateException).
let private thrownBy (t: Task) =
    try
        t.GetAwaiter().GetResult()
        None
    with e ->
        Some e

let private startJobs =
    testList
        "StartJobsAsync"
        [
            testCase "Noop completes at once"
            <| fun () -> Expect.isTrue (Job.Noop.StartAsync(CancellationToken.None).IsCompletedSuccessfully) "completed"

            testCase "every job runs, concurrently"
            <| fun () ->
                let started = Array.init 3 (fun _ -> TaskCompletionSource())

                let job (index: int) =
                    Job.Create(fun _ ->
                        task {
                            started[index].SetResult()
                            // Each job finishes only once all have started: they must run at the same time.
                            do! Task.WhenAll(started |> Array.map (fun s -> s.Task))
                        })

                let running =
                    Unikernel.StartJobsAsync(CancellationToken.None, job 0, job 1, job 2, Job.Noop)

                wait running
                Expect.isTrue running.IsCompletedSuccessfully "completed"

            testCase "no jobs complete at once"
            <| fun () -> Expect.isTrue (Unikernel.StartJobsAsync(CancellationToken.None).IsCompletedSuccessfully) "done"

            testCase "the first failure cancels the others and is rethrown"
            <| fun () ->
                let cancelled = TaskCompletionSource()
                let boom = InvalidOperationException "boom"

                let running =
                    Unikernel.StartJobsAsync(CancellationToken.None, untilCancelled cancelled, failingWith boom)

                wait running
                Expect.isTrue cancelled.Task.IsCompleted "the other job was cancelled"
                Expect.equal (thrownBy running) (Some(boom :> exn)) "the failure itself"

            testCase "a failure during the cancellation does not replace the first"
            <| fun () ->
                let boom = InvalidOperationException "boom"

                let failsWhenCancelled =
                    Job.Create(fun token ->
                        task {
                            try
                                do! Task.Delay(Timeout.Infinite, token)
                            with _ ->
                                raise (ObjectDisposedException "cleanup failed")
                        })

                let running =
                    Unikernel.StartJobsAsync(CancellationToken.None, failsWhenCancelled, failingWith boom)

                wait running
                Expect.equal (thrownBy running) (Some(boom :> exn)) "the first failure"

            testCase "it waits for the cancelled jobs to finish"
            <| fun () ->
                let mutable cleanedUp = false

                let slowToStop =
                    Job.Create(fun token ->
                        task {
                            try
                                do! Task.Delay(Timeout.Infinite, token)
                            finally
                                Thread.Sleep 100
                                cleanedUp <- true
                        })

                let running =
                    Unikernel.StartJobsAsync(CancellationToken.None, slowToStop, failingWith (Exception "boom"))

                wait running
                Expect.isTrue cleanedUp "the other job had finished"
                Expect.equal (thrownBy running |> Option.map _.Message) (Some "boom") "the failure"

            testCase "the caller's cancellation stops every job"
            <| fun () ->
                use stop = new CancellationTokenSource()
                let cancelled = Array.init 2 (fun _ -> TaskCompletionSource())

                let running =
                    Unikernel.StartJobsAsync(stop.Token, untilCancelled cancelled[0], untilCancelled cancelled[1])

                Expect.isFalse running.IsCompleted "running"
                stop.Cancel()
                wait running
                Expect.isTrue (cancelled |> Array.forall (fun c -> c.Task.IsCompleted)) "both cancelled"
                Expect.isTrue running.IsCanceled "cancelled"
        ]

/// RunAsync tests log through Platform.Reporter and handle process signals: sequenced.
let private run =
    testSequenced
    <| testList
        "RunAsync"
        [
            testCase "0 when the body completes"
            <| fun () ->
                let code = Unikernel.RunAsync("test", fun _ -> Task.CompletedTask).Result
                Expect.equal code 0 "exit code"

            testCase "1 and an error line when the body throws"
            <| fun () ->
                let reporter, output = stringReporter (Some LogLevel.Info) None

                let code =
                    withReporter reporter (fun () ->
                        Unikernel
                            .RunAsync("test", fun _ -> task { raise (InvalidOperationException "no network") })
                            .Result)

                Expect.equal code 1 "exit code"
                Expect.equal (linesOf output) [ "2026-11-23T09:03:48.123Z ERR [mirage] no network" ] "logged"

            testCase "1 for a cancellation that no signal caused"
            <| fun () ->
                let reporter, _ = stringReporter None None

                let code =
                    withReporter reporter (fun () ->
                        Unikernel.RunAsync("test", fun _ -> Task.FromCanceled(CancellationToken true)).Result)

                Expect.equal code 1 "exit code"

            testCase "130 when SIGTERM cancels the body"
            <| fun () ->
                if not (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) then
                    skiptest "POSIX signals only"

                let reporter, _ = stringReporter None None

                let body (token: CancellationToken) =
                    task {
                        // Registered by now: the runtime turns the signal into a cancellation, and the
                        // process lives on.
                        Expect.equal (kill (Environment.ProcessId, sigterm)) 0 "kill"
                        do! Task.Delay(TimeSpan.FromSeconds 30.0, token)
                    }
                    :> Task

                let code = withReporter reporter (fun () -> Unikernel.RunAsync("test", body).Result)
                Expect.equal code 130 "exit code"
        ]

[<Tests>]
let tests = testList "Runtime.Jobs" [ startJobs; run ]

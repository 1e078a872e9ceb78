/// Kestrel's input of a connection whose peer resets: what the peer sent before the reset is read
/// first (a TLS alert, so that a refused certificate is logged as such), then the reset.
module Mirage.Tests.Runtime.ResetAfterInputTests

open System
open System.IO.Pipelines
open Expecto
open Microsoft.AspNetCore.Connections
open Mirage.Runtime.Http

let private read (reader: PipeReader) =
    reader.ReadAsync().AsTask().GetAwaiter().GetResult()

[<Tests>]
let tests =
    testList
        "Runtime.Http.reset after input"
        [
            testCase "bytes before a reset are read, examined, and only then is the reset thrown"
            <| fun () ->
                let pipe = Pipe()
                let reader = ResetAfterInputReader pipe.Reader
                pipe.Writer.WriteAsync(ReadOnlyMemory [| 21uy; 3uy; 3uy |]).AsTask().Wait()
                reader.ResetAfterInput(ConnectionResetException "reset by peer")
                pipe.Writer.Complete()

                let first = read reader

                Expect.equal (first.Buffer.FirstSpan.ToArray()) [| 21uy; 3uy; 3uy |] "the alert first"

                Expect.isFalse first.IsCompleted "not yet the end"
                // A reader that wants more than there is examines it all and reads again: now the reset.
                reader.AdvanceTo(first.Buffer.Start, first.Buffer.End)

                Expect.throwsT<ConnectionResetException> (fun () -> read reader |> ignore) "then the reset"

            testCase "with nothing unread, the reset comes at once; without one, the end is an end"
            <| fun () ->
                let pipe = Pipe()
                let reader = ResetAfterInputReader pipe.Reader
                reader.ResetAfterInput(ConnectionResetException "reset by peer")
                pipe.Writer.Complete()
                Expect.throwsT<ConnectionResetException> (fun () -> read reader |> ignore) "the reset"

                let quiet = Pipe()
                let plain = ResetAfterInputReader quiet.Reader
                quiet.Writer.Complete()
                Expect.isTrue (read plain).IsCompleted "a plain end"
        ]

/// What the key/value tests share: running a ValueTask, keys and bytes from strings, reading results.
module Mirage.Tests.Runtime.KeyValueSupport

open System
open System.IO
open System.Text
open System.Threading.Tasks
open Expecto
open Mirage.Runtime.KeyValue

let run (t: ValueTask<'a>) = t.AsTask().GetAwaiter().GetResult()
let key (text: string) = Key.Parse text

let bytes (text: string) =
    ReadOnlyMemory(Encoding.UTF8.GetBytes text)

let text (data: ReadOnlyMemory<byte>) = Encoding.UTF8.GetString data.Span

let ok (result: KvResult<'a>) =
    match result.TryGetValue() with
    | true, value, _ -> value
    | false, _, error -> failtestf "expected a value, got %O" error

let errorKind (result: KvResult<'a>) =
    match result.TryGetValue() with
    | true, value, _ -> failtestf "expected an error, got %O" value
    | false, _, error -> error.Kind, string error.Key

/// What a write returned: None for success, else its kind and key.
let outcome (error: 'e) =
    match box error with
    | :? KvError as e -> Some(e.Kind, string e.Key)
    | _ -> None

let noError (error: 'e) =
    match outcome error with
    | None -> ()
    | Some _ -> failtestf "expected success, got %O" error

let writeError (error: 'e) =
    match outcome error with
    | None -> failtest "expected an error"
    | Some e -> e

/// The exception `f` throws.
let raises<'e when 'e :> exn> (f: unit -> unit) : 'e =
    try
        f ()
        failtestf "expected %s" typeof<'e>.Name
    with :? 'e as e ->
        e

/// A fresh empty directory under the system's temporary folder.
let tempDir () =
    let dir =
        Path.Combine(Path.GetTempPath(), "mirage-kv-" + Guid.NewGuid().ToString "N")

    Directory.CreateDirectory dir |> ignore
    dir

/// Binds `k` to the text `v`, which must succeed.
let setText (kv: IKvRw) k v =
    kv.SetAsync(key k, bytes v) |> run |> noError

/// The text bound to `k`, which must be there.
let getText (kv: IKvRo) k = kv.GetAsync(key k) |> run |> ok |> text

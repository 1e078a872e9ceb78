/// Key/value metrics have one home: the counting decorator the generated code puts around every
/// kv_ro and kv_rw device. Each store kind counts the same operations through it, and every store
/// device of the catalogue is wrapped in it.
module Mirage.Tests.Monitoring.StoreMetricsTests

open System
open System.Diagnostics.Metrics
open System.IO
open System.Reflection
open System.Text.RegularExpressions
open Expecto
open Mirage.CSharp
open Mirage.Devices
open Mirage.Runtime.Block
open Mirage.Runtime.Chamelon
open Mirage.Runtime.Fat
open Mirage.Runtime.KeyValue
open Mirage.Runtime.Monitoring
open Mirage.Runtime.Tar
open Mirage.Tests.Runtime.KeyValueSupport

type private Marker = class end

/// The instruments' values after `body` ran against counters of a meter of its own (the shared
/// Mirage.KeyValue meter sees every test running at once).
let private countedBy (body: KvMetrics -> unit) =
    let name = $"Test.KeyValue.{Guid.NewGuid():N}"
    use meter = new Meter(name)
    use collector = new MetricsCollector(fun n -> n = name)
    body (KvMetrics meter)

    collector.Instruments()
    |> Seq.map (fun i -> i.Name.Replace("mirage.kv.", ""), i.Value)
    |> Map.ofSeq

let private await' (t: Threading.Tasks.Task<'a>) = t.GetAwaiter().GetResult()

let private failed (result: KvResult<'a>) = if result.IsOk then 0 else 1
let private failedWrite (error: KvError) = if isNull error then 0 else 1

/// Reads of a store binding "a" to "hello": three reads (one of a missing key) of 5 + 2 bytes and
/// five lookups. Returns the operations that failed (the missing key, and any the store refuses).
let private readAll (kv: IKvRo) =
    let a = key "a"

    failed (run (kv.ExistsAsync a))
    + failed (run (kv.GetAsync a))
    + failed (run (kv.GetPartialAsync(a, 1L, 2)))
    + failed (run (kv.GetAsync(key "missing")))
    + failed (run (kv.ListAsync Key.Empty))
    + failed (run (kv.SizeAsync a))
    + failed (run (kv.DigestAsync a))
    + failed (run (kv.LastModifiedAsync a))

let private expectRead (counts: Map<string, float>) (errors: int) =
    let count name =
        counts |> Map.tryFind name |> Option.defaultValue 0.

    Expect.equal (count "reads") 3. "get, get_partial and the missing get"
    Expect.equal (count "read_bytes") 7. "hello and el"
    Expect.equal (count "lookups") 5. "exists, list, size, digest, last_modified"
    Expect.equal (count "errors") (float errors) "the operations that failed"
    Expect.isGreaterThanOrEqual errors 1 "the missing key at least"

/// A read-only store kind: its name and a store binding "a" to "hello" (with its cleanup).
let private roCase (name: string) (open': unit -> IKvRo * IDisposable) =
    testCase name
    <| fun () ->
        let store, cleanup = open' ()
        use _ = cleanup
        let mutable errors = 0

        let counts =
            countedBy (fun metrics -> errors <- readAll (CountedKvRo.Wrap(store, metrics)))

        expectRead counts errors
        Expect.isFalse (counts.ContainsKey "writes") "no write"

/// A read-write store kind: an empty store, written, read as above, then changed every way.
let private rwCase (name: string) (open': unit -> IKvRw * IDisposable) =
    testCase name
    <| fun () ->
        let store, cleanup = open' ()
        use _ = cleanup
        let mutable readErrors = 0
        let mutable writeErrors = 0

        let counts =
            countedBy (fun metrics ->
                let kv = CountedKvRw.Wrap(store, metrics)
                noError (run (kv.SetAsync(key "a", bytes "hello")))
                readErrors <- readAll kv

                writeErrors <-
                    failedWrite (run (kv.SetPartialAsync(key "a", 5L, bytes "!!")))
                    + failedWrite (run (kv.RenameAsync(key "a", key "b")))
                    + failedWrite (run (kv.RenameAsync(key "missing", key "x")))
                    + failedWrite (run (kv.RemoveAsync(key "b")))
                    + failedWrite (run (kv.AllocateAsync(key "c", 3L)))

                Expect.isGreaterThanOrEqual writeErrors 1 "renaming a missing key fails")

        expectRead (counts |> Map.add "errors" (counts["errors"] - float writeErrors)) readErrors
        Expect.equal counts["writes"] 6. "set, set_partial, two renames, remove, allocate"
        // The bytes of the writes that succeeded: set's 5, set_partial's 2 unless the store refused it.
        Expect.isGreaterThanOrEqual counts["written_bytes"] 5. "set's bytes"

        Expect.isLessThanOrEqual counts["written_bytes"] 7. "no more than given"

let private nothing =
    { new IDisposable with
        member _.Dispose() = ()
    }

let private deleting (dir: string) =
    { new IDisposable with
        member _.Dispose() = Directory.Delete(dir, true)
    }

let private withHello (dir: string) =
    File.WriteAllText(Path.Combine(dir, "a"), "hello")
    dir

/// A tar archive holding a = hello, written by tar_kv_rw on a block in memory.
let private tarImage () =
    let block = Mirage.Tests.Runtime.Chamelon.Support.MemoryBlock(64)
    let rw = await' (TarKvRw.ConnectAsync(block, TimeProvider.System))
    noError (run (rw.SetAsync(key "a", bytes "hello")))
    block

/// A FAT image holding a = hello, made by mkfs.fat and mcopy.
let private fatImage () =
    let dir = tempDir ()
    let image = Path.Combine(withHello dir, "fat.img")

    for file, args in
        [
            "mkfs.fat", [ "-C"; image; "256" ]
            "mcopy", [ "-i"; image; Path.Combine(dir, "a"); "::/a" ]
        ] do
        let result =
            Mirage.Tests.Support.Processes.runWith [ "LC_ALL", "C.UTF-8" ] (TimeSpan.FromMinutes 1.0) dir file args

        Expect.equal result.ExitCode 0 $"{file}: {result}"

    FileBlock.Connect image, deleting dir

/// What each catalogue function returning a store is given, by parameter type.
let private argumentFor (parameter: ParameterInfo) : obj =
    let t = parameter.ParameterType

    if t = typeof<string> && not parameter.HasDefaultValue then
        "store"
    elif parameter.HasDefaultValue then
        parameter.DefaultValue
    elif t = typeof<Impl<Block>> then
        Catalogue.BlockOfFile "disk.img"
    elif t = typeof<Mirage.Engine.Model.RuntimeArg> then
        (Mirage.Dsl.runtime_arg ("program-block-size", Mirage.Runtime_arg.int 16)).RuntimeArg
    elif t.IsEnum then
        Enum.GetValues(t).GetValue 0
    else
        failtestf "%s: no test argument for a parameter of type %s; add one here" parameter.Member.Name t.Name

/// The runtime libraries of the stores, for compiling the generated code.
let private storeLibraries =
    [ typeof<TarKvRo>; typeof<FatKvRo>; typeof<ChamelonKv> ]
    |> List.map _.Assembly.Location

let private storeDevices () =
    typeof<Catalogue>.GetMethods(BindingFlags.Public ||| BindingFlags.Static)
    |> Array.filter (fun m -> m.ReturnType = typeof<Impl<KvRo>> || m.ReturnType = typeof<Impl<KvRw>>)
    |> Array.sortBy _.Name

[<Tests>]
let tests =
    testList
        "Monitoring.Stores"
        [
            roCase "crunch" (fun () -> CrunchKv.Connect("monitoring-store", typeof<Marker>.Assembly) :> IKvRo, nothing)
            roCase "direct_kv_ro" (fun () ->
                let dir = withHello (tempDir ())
                DirectKvRo.Connect(dir) :> IKvRo, deleting dir)
            roCase "tar_kv_ro" (fun () -> await' (TarKvRo.ConnectAsync(tarImage ())) :> IKvRo, nothing)
            roCase "fat_ro" (fun () ->
                let block, cleanup = fatImage ()
                await' (FatKvRo.ConnectAsync block) :> IKvRo, cleanup)
            rwCase "kv_rw_mem" (fun () -> MemKv.Connect() :> IKvRw, nothing)
            rwCase "direct_kv_rw" (fun () ->
                let dir = tempDir ()
                DirectKvRw.Connect(dir) :> IKvRw, deleting dir)
            rwCase "tar_kv_rw" (fun () ->
                await' (
                    TarKvRw.ConnectAsync(Mirage.Tests.Runtime.Chamelon.Support.MemoryBlock(64), TimeProvider.System)
                )
                :> IKvRw,
                nothing)
            rwCase "chamelon" (fun () -> snd (Mirage.Tests.Runtime.Chamelon.Support.fresh 512) :> IKvRw, nothing)

            testCase "a counted store is counted once, and the shared counters are the Mirage.KeyValue meter's"
            <| fun () ->
                let counted = CountedKvRw.Wrap(MemKv.Connect())
                Expect.isTrue (obj.ReferenceEquals(CountedKvRw.Wrap counted, counted)) "read-write, wrapped again"
                Expect.isTrue (obj.ReferenceEquals(CountedKvRo.Wrap counted, counted)) "read-only, wrapped again"
                use collector = new MetricsCollector(fun n -> n = "Mirage.KeyValue")
                run (counted.GetAsync(key "nothing")) |> ignore

                Expect.isTrue
                    (collector.Instruments()
                     |> Seq.exists (fun i -> i.Name = "mirage.kv.errors" && i.Value >= 1.))
                    "the default counters publish as Mirage.KeyValue"

            testCase
                "every store device of the catalogue is connected inside the counting decorator of its type, and main.cs compiles"
            <| fun () ->
                let devices = storeDevices ()

                Expect.containsAll
                    (devices |> Array.map _.Name)
                    [
                        "Crunch"
                        "DirectKvRo"
                        "DirectKvRw"
                        "KvRwMem"
                        "TarKvRo"
                        "TarKvRw"
                        "FatRo"
                        "Chamelon"
                    ]
                    "the stores known today"

                for device in devices do
                    let impl = device.Invoke(null, device.GetParameters() |> Array.map argumentFor)

                    let main, wrapper, parameter =
                        match impl with
                        | :? Impl<KvRo> as ro ->
                            fst (Mirage.Tests.Engine.SameIR.emittedFor ModuleTypes.KvRo ro "unix" []),
                            "CountedKvRo",
                            "Mirage.Runtime.KeyValue.IKvRo"
                        | :? Impl<KvRw> as rw ->
                            fst (Mirage.Tests.Engine.SameIR.emittedFor ModuleTypes.KvRw rw "unix" []),
                            "CountedKvRw",
                            "Mirage.Runtime.KeyValue.IKvRw"
                        | other -> failtestf "%s made %O" device.Name other

                    let wrapped =
                        Regex.Matches(main, @"var \w+ = Mirage\.Runtime\.KeyValue\.(CountedKvR[ow])\.Wrap\(.*Connect")

                    Expect.equal wrapped.Count 1 $"{device.Name}: one store, connected inside the decorator:\n{main}"
                    Expect.equal wrapped[0].Groups[1].Value wrapper $"{device.Name}: the decorator of its type"

                    Expect.isEmpty
                        (Mirage.Tests.Support.GeneratedMain.compileErrorsWith storeLibraries main parameter)
                        $"{device.Name}: main.cs compiles, the wrapped store passed on as its module type"
        ]

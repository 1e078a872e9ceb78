/// The storage devices from the F# DSL: what configure makes of them, keys that choose between them,
/// and crunch's embedded files read back.
module Mirage.Tests.Dsl.StorageTests

open System
open System.IO
open System.Text
open Expecto
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Mirage
open type Mirage.Dsl
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Model
open Mirage.Engine.Output
open Mirage.Runtime.KeyValue

/// main.cs and the project generated for `main $ device` with the configure keys `keys`.
let private generate (typ: 'a typ) (device: 'a impl) (keys: (string * string) list) =
    Mirage.Tests.Engine.SameIR.emittedFor typ device "unix" keys

let private raises<'e when 'e :> exn> (f: unit -> unit) : 'e =
    try
        f ()
        failtestf "expected %s" typeof<'e>.Name
    with :? 'e as e ->
        e

/// An assembly holding `files` as manifest resources named as the crunch device names them.
let private assemblyWith (store: string) (files: (string * string) list) =
    let compilation =
        CSharpCompilation.Create(
            "crunched",
            [ CSharpSyntaxTree.ParseText "class C {}" ],
            [ MetadataReference.CreateFromFile(typeof<obj>.Assembly.Location) ],
            CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        )

    let resources =
        files
        |> List.map (fun (path, content) ->
            ResourceDescription(
                CrunchKv.ResourceName(store, path),
                (fun () -> new MemoryStream(Encoding.UTF8.GetBytes content) :> Stream),
                true
            ))

    use image = new MemoryStream()
    let emitted = compilation.Emit(image, manifestResources = resources)
    Expect.isTrue emitted.Success "emits"
    Reflection.Assembly.Load(image.ToArray())

let private run (t: Threading.Tasks.ValueTask<'a>) = t.AsTask().GetAwaiter().GetResult()

[<Tests>]
let tests =
    testList
        "Dsl.Storage"
        [
            test "crunch embeds its directory at build time and reads it back from the assembly" {
                let main, project = generate kv_ro (crunch "htdocs/") []
                Expect.stringContains main "Mirage.Runtime.KeyValue.CrunchKv.Connect(\"htdocs\")" "connect"
                Expect.stringContains project "<EmbeddedResource Include=\"../htdocs/**\">" "the files are embedded"

                Expect.stringContains
                    project
                    "<LogicalName>mirage-crunch/htdocs/%(RecursiveDir)%(Filename)%(Extension)</LogicalName>"
                    "under names the runtime finds"
            }

            test "crunch refuses an absolute directory" {
                let e = raises<ArgumentException>(fun () -> crunch "/etc" |> ignore)
                Expect.stringContains e.Message "must be relative to the config's folder" "says why"
            }

            test "generic_kv_ro is crunch by default and direct_kv_ro with --kv_ro=direct" {
                let byDefault, project = generate kv_ro (generic_kv_ro "t") []
                Expect.stringContains byDefault "CrunchKv.Connect(\"t\")" "crunch by default"
                Expect.stringContains project "EmbeddedResource" "embedded"
                let direct, directProject = generate kv_ro (generic_kv_ro "t") [ "kv_ro", "direct" ]
                Expect.stringContains direct "DirectKvRo.Connect(\"t\")" "direct"
                Expect.isFalse (directProject.Contains "EmbeddedResource") "nothing embedded"
            }

            test "a group prefixes the key; an explicit key value chooses" {
                let grouped, _ =
                    generate kv_ro (generic_kv_ro ("t", group = "site")) [ "site-kv_ro", "direct" ]

                Expect.stringContains grouped "DirectKvRo.Connect" "--site-kv_ro"
                let fixedKey = Key.``pure`` Mirage.Devices.KvRoKind.Direct
                let chosen, _ = generate kv_ro (generic_kv_ro ("t", key = fixedKey)) []
                Expect.stringContains chosen "DirectKvRo.Connect" "the given value"
                Expect.equal (Key.kv_ro ()).Name "kv_ro" "Key.kv_ro"
                Expect.equal (Key.block "disk").Name "disk-block" "Key.block with a group"
            }

            test "generic_block is a ramdisk by default and a file with --block=file" {
                let byDefault, _ = generate block (generic_block "disk.img") []
                Expect.stringContains byDefault "Mirage.Runtime.Block.Ramdisk.Connect(\"disk.img\")" "ramdisk"
                let file, _ = generate block (generic_block "disk.img") [ "block", "file" ]
                Expect.stringContains file "Mirage.Runtime.Block.FileBlock.Connect(\"disk.img\")" "file"
            }

            test "direct_kv_rw and kv_rw_mem connect their runtime stores" {
                let direct, _ = generate kv_rw (direct_kv_rw "data") []
                Expect.stringContains direct "Mirage.Runtime.KeyValue.DirectKvRw.Connect(\"data\")" "direct"
                let mem, _ = generate kv_rw (kv_rw_mem ()) []
                Expect.stringContains mem "Mirage.Runtime.KeyValue.MemKv.Connect()" "mem"
            }

            test "a kv_ro unikernel cannot be given a block device: the types differ" {
                let main = main ("Unikernel.Main", kv_ro @-> job)

                let e =
                    raises<ArgumentException>(fun () -> Impl.Apply(main.Impl, (ramdisk "r").Impl) |> ignore)

                Expect.stringContains e.Message "expects kv_ro, but was given block" "the engine says so too"
            }

            test "CrunchKv reads the files embedded under its directory's name, and nothing else" {
                let assembly =
                    assemblyWith "t" [ "secret", "foo\n"; "sub/deep/file", "deep"; "sub/other", "o" ]

                let kv = CrunchKv.Connect("t", assembly)

                let get k =
                    (kv.GetAsync(Key.Parse k) |> run).Value
                    |> fun d -> Encoding.UTF8.GetString d.Span

                Expect.equal (get "secret") "foo\n" "a file"
                Expect.equal (get "/sub/deep/file") "deep" "a nested file"

                Expect.equal
                    ((kv.ListAsync(Key.Parse "sub") |> run).Value
                     |> Seq.map (fun e -> string e.Key, e.Kind)
                     |> List.ofSeq)
                    [ "/sub/deep", KvEntryKind.Dictionary; "/sub/other", KvEntryKind.Value ]
                    "listing"

                Expect.equal ((kv.GetAsync(Key.Parse "sub") |> run).Error.Kind) KvErrorKind.ValueExpected "a directory"
                Expect.equal ((kv.GetAsync(Key.Parse "nope") |> run).Error.Kind) KvErrorKind.NotFound "missing"
                Expect.equal ((kv.GetPartialAsync(Key.Parse "secret", 1L, 10) |> run).Value.Length) 3 "partial"
                Expect.equal ((kv.SizeAsync(Key.Parse "sub/other") |> run).Value) 1L "size"
                let other = CrunchKv.Connect("u", assembly)
                Expect.isEmpty ((other.ListAsync Key.Empty |> run).Value) "another directory's store is empty"
            }
        ]

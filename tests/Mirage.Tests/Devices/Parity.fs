/// The catalogue declares each device, configure key and module type once; the F# eDSL and the C#
/// facade only spell them. Parity reads the three by reflection and says which catalogue entry has
/// no F# or no C# spelling, and where the two spellings take different optional parameters.
module Mirage.Tests.Devices.Parity

open System
open System.Reflection
open Expecto

/// What a catalogue entry is.
type Kind =
    | ModuleType
    | Device
    | Key

/// One entry of the catalogue or one spelling of it in a front end.
type Entry =
    {
        Kind: Kind
        /// As declared: <c>GenericKvRo</c>, <c>generic_kv_ro</c>.
        Declared: string
        /// Optional parameters, as <see cref="normalise"/>d names, sorted.
        Optional: string list
    }

    /// How entries of the three are matched: <c>generic_kv_ro</c>, <c>GenericKvRo</c> and <c>KvRoKey</c>'s
    /// <c>KvRo</c> are all <c>generickvro</c>.
    member e.Name = e.Declared.Replace("_", "").ToLowerInvariant()

/// Lower case without underscores.
let normalise (name: string) =
    name.Replace("_", "").ToLowerInvariant()

let private isOptional (p: ParameterInfo) =
    p.IsOptional || p.IsDefined(typeof<OptionalArgumentAttribute>, false)

/// Caller-info parameters are filled in by the compiler, not spelled by the user.
let private optionalOf (parameters: ParameterInfo array) =
    parameters
    |> Array.filter (fun p -> isOptional p && p.Name <> "file" && p.Name <> "line")
    |> Array.map (fun p -> normalise p.Name)
    |> Array.sort
    |> List.ofArray

let private isGeneric (open': Type) (t: Type) =
    t.IsGenericType && t.GetGenericTypeDefinition() = open'

let private kindOf (t: Type) =
    if isGeneric typedefof<Mirage.CSharp.Impl<_>> t then
        Some Device
    elif isGeneric typedefof<Mirage.typ<_>> t then
        Some ModuleType
    elif
        t = typeof<Mirage.Engine.Model.Key>
        || isGeneric typedefof<Mirage.CSharp.Key<_>> t
        || isGeneric typedefof<Mirage.key<_>> t
    then
        Some Key
    else
        None

let private publicStatic =
    BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly

/// The entries of C#-style static classes: fields, properties and methods by the type they return.
let private entriesOf (types: Type list) (rename: Kind -> string -> string) =
    [
        for t in types do
            for f in t.GetFields publicStatic do
                match kindOf f.FieldType with
                | Some kind ->
                    {
                        Kind = kind
                        Declared = rename kind f.Name
                        Optional = []
                    }
                | None -> ()

            for m in t.GetMethods publicStatic do
                match kindOf m.ReturnType with
                | Some kind when not m.IsSpecialName ->
                    {
                        Kind = kind
                        Declared = rename kind m.Name
                        Optional = optionalOf (m.GetParameters())
                    }
                | Some kind when m.Name.StartsWith "get_" ->
                    {
                        Kind = kind
                        Declared = rename kind (m.Name.Substring 4)
                        Optional = []
                    }
                | _ -> ()
    ]

/// The catalogue: <c>ModuleTypes</c>' fields, <c>Catalogue</c>'s devices and keys (<c>KvRoKey</c> is <c>KvRo</c>).
let ofCatalogue (types: Type list) =
    entriesOf types (fun kind name ->
        if kind = Key && name.EndsWith "Key" then
            name.Substring(0, name.Length - 3)
        else
            name)

/// The C# facade: <c>Typ</c>, <c>Devices</c>, and the catalogue's keys on <c>Key</c>.
let ofCSharp () =
    entriesOf
        [
            typeof<Mirage.CSharp.Typ>
            typeof<Mirage.CSharp.Devices>
            typeof<Mirage.CSharp.Key>
        ]
        (fun _ n -> n)

/// The F# eDSL: members of <c>Dsl</c> and <c>Key</c>, intrinsic or added by <c>type Dsl with</c>
/// (compiled as <c>Dsl.crunch.Static</c>, <c>Dsl.get_kv_ro.Static</c>).
let ofFSharp () =
    [
        for t in typeof<Mirage.Dsl>.Assembly.GetExportedTypes() do
            for m in t.GetMethods publicStatic do
                let owner, name =
                    if m.Name.EndsWith ".Static" then
                        let parts = m.Name.Split '.'
                        parts[0], parts[1]
                    else
                        t.Name, m.Name

                let name = if name.StartsWith "get_" then name.Substring 4 else name

                match kindOf m.ReturnType with
                | Some kind when owner = "Dsl" || owner = "Key" ->
                    {
                        Kind = kind
                        Declared = name
                        Optional = optionalOf (m.GetParameters())
                    }
                | _ -> ()
    ]

/// Every catalogue entry's F# and C# spellings that are missing or differ, except the known
/// differences (by normalised name, each with its reason), which must still differ.
let problems (catalogue: Entry list) (fsharp: Entry list) (csharp: Entry list) (known: (string * string) list) =
    let find (entries: Entry list) (entry: Entry) =
        entries |> List.tryFind (fun e -> e.Kind = entry.Kind && e.Name = entry.Name)

    [
        for entry in catalogue |> List.distinctBy (fun e -> e.Kind, e.Name) do
            let what = $"%A{entry.Kind} {entry.Declared}"

            match find fsharp entry, find csharp entry with
            | None, _ -> $"{what} has no F# spelling"
            | _, None -> $"{what} has no C# spelling"
            | Some f, Some c ->
                let differ = f.Optional <> c.Optional

                match List.tryFind (fun (name, _) -> name = entry.Name) known with
                | Some(_, reason) when not differ ->
                    $"{what}: listed as a known difference ({reason}) but F# and C# agree now"
                | Some _ -> ()
                | None when differ ->
                    $"{what}: F# {f.Declared} takes optional %A{f.Optional}, C# {c.Declared} takes %A{c.Optional}"
                | None -> ()
    ]

/// Where F# keeps upstream's form, which has no room for the optional parameter C# takes.
let knownDifferences =
    [
        "pafclient", "upstream's paf_client is a value, C#'s PafClient takes a group"
        "cohttpclient", "upstream's cohttp_client is curried, C#'s CohttpClient takes a group"
    ]

let private realCatalogue () =
    ofCatalogue [ typeof<Mirage.Devices.ModuleTypes>; typeof<Mirage.Devices.Catalogue> ]

/// A catalogue with one device more than the front ends spell: never called, only read.
[<AbstractClass; Sealed>]
type ExtraDevice =
    static member Frobnicator(_directory: string, ?_group: string) : Mirage.CSharp.Impl<Mirage.CSharp.KvRo> =
        failwith "only its signature is read"

let private mentions (problems: string list) (text: string) =
    Expect.exists problems (fun p -> p.Contains(text: string)) $"a problem mentions '{text}': %A{problems}"

[<Tests>]
let tests =
    testList
        "Devices.Parity"
        [
            test
                "every catalogue device, key and module type has an F# and a C# spelling with the same optional parameters" {
                let catalogue = realCatalogue ()
                Expect.isGreaterThan catalogue.Length 40 "the catalogue is read"

                for kind in [ ModuleType; Device; Key ] do
                    Expect.exists catalogue (fun e -> e.Kind = kind) $"some %A{kind}"

                Expect.isEmpty (problems catalogue (ofFSharp ()) (ofCSharp ()) knownDifferences) "no gaps"
            }

            testList
                "the check itself"
                [
                    test "fails on a catalogue device neither front end spells" {
                        let catalogue = realCatalogue () @ ofCatalogue [ typeof<ExtraDevice> ]

                        let found = problems catalogue (ofFSharp ()) (ofCSharp ()) knownDifferences

                        Expect.equal
                            found
                            [ "Device Frobnicator has no F# spelling" ]
                            "named once, first missing spelling"
                    }

                    test "fails when either front end loses a spelling" {
                        let without name =
                            List.filter (fun (e: Entry) -> e.Name <> name)

                        mentions
                            (problems (realCatalogue ()) (without "crunch" (ofFSharp ())) (ofCSharp ()) knownDifferences)
                            "Device Crunch has no F# spelling"

                        mentions
                            (problems (realCatalogue ()) (ofFSharp ()) (without "kvro" (ofCSharp ())) knownDifferences)
                            "ModuleType KvRo has no C# spelling"

                        mentions
                            (problems (realCatalogue ()) (ofFSharp ()) (without "kvro" (ofCSharp ())) knownDifferences)
                            "Key KvRo has no C# spelling"
                    }

                    test "fails when the optional parameters differ" {
                        // The facade before this check: GenericKvRo without the key.
                        let csharp =
                            ofCSharp ()
                            |> List.map (fun e ->
                                if e.Name = "generickvro" then
                                    { e with
                                        Optional = List.filter ((<>) "key") e.Optional
                                    }
                                else
                                    e)

                        let found = problems (realCatalogue ()) (ofFSharp ()) csharp knownDifferences
                        mentions found "Device GenericKvRo: F# generic_kv_ro takes optional"
                        Expect.equal found.Length 1 "only that one"
                    }

                    test "fails on a known difference that is gone, and on one that is not known" {
                        let found =
                            problems (realCatalogue ()) (ofFSharp ()) (ofCSharp ()) [ "crunch", "no reason" ]

                        mentions found "Device Crunch: listed as a known difference"
                        mentions found "Device PafClient: F# paf_client takes optional"
                    }
                ]
        ]

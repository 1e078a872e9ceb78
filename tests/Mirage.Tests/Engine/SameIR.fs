/// What two front ends must agree on: the IR a registration builds (as text, device identities
/// numbered by first appearance since each front end makes fresh ids) and the files configure emits.
module Mirage.Tests.Engine.SameIR

open System
open System.Collections.Generic
open System.IO
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Graph
open Mirage.Engine.Model
open Mirage.Engine.Output

/// The device graph of a registration, one line per node, roots last.
let irText (registration: Registration) : string list =
    let graph = GraphBuilder.Build registration
    let numbers = Dictionary<int, int>()

    let deviceNumber (device: Device) =
        match numbers.TryGetValue device.Id with
        | true, n -> n
        | _ ->
            numbers[device.Id] <- numbers.Count
            numbers.Count - 1

    let list (items: seq<'a>) =
        items |> Seq.map string |> String.concat ", " |> sprintf "[%s]"

    let keysOf (value: KeyValue) = value.Keys |> Seq.map _.Name |> list

    let node (i: int) (node: Node) =
        match node with
        | :? DeviceNode as d ->
            let device = d.Device

            $"{i}: device #{deviceNumber device} {device.ModuleName} : {device.Type}"
            + $" packages={list device.Packages} keys={list device.Keys}"
            + $" args={list (device.RuntimeArgs |> Seq.map _.SpecExpression)} files={list device.Files}"
            + $" items={list device.ProjectItems} extras={list d.ExtraDeps}"
        | :? AppNode as a -> $"{i}: apply {a.Functor} {a.Argument}"
        | :? IfNode as c -> $"{i}: if {keysOf c.Condition} then {c.Then} else {c.Else}"
        | :? MatchNode as m ->
            let cases = m.Cases |> Seq.map (fun struct (v, n) -> $"{v}->{n}")
            $"{i}: match {keysOf m.Value} {list cases} else {m.Default}"
        | other -> $"{i}: {other}"

    [
        yield! graph.Nodes |> Seq.mapi node
        yield $"jobs {list graph.Jobs}"
        let init = graph.Init |> Seq.map (fun struct (role, n) -> $"{role}={n}")
        yield $"init {list init}"
    ]

/// Configures a registration in memory; returns main.cs (without its #line directives, which name
/// each front end's own file) and the project file.
let emitted (registration: Registration) (target: string) (keys: (string * string) list) =
    let configFile = Path.Combine(Path.GetTempPath(), "same-ir", "config.fsx")

    let configuration =
        Configurator.Configure(
            ConfigureRequest(
                registration,
                configFile,
                ConfigureContext(target, dict keys |> Dictionary),
                ProjectOptions "/src/Mirage.Runtime/Mirage.Runtime.csproj"
            )
        )

    let main =
        (configuration.File MainGenerator.FileName).Content.Split '\n'
        |> Array.filter (fun line -> not (line.TrimStart().StartsWith "#line"))
        |> String.concat "\n"

    main, (configuration.File(ProjectGenerator.ProjectFileName registration.Name)).Content

/// main.cs (without #line) and the project that configuring `main $ device` for `target` with
/// `keys` gives: what a device from the F# DSL emits.
let emittedFor (typ: 'a Mirage.typ) (device: 'a Mirage.impl) (target: string) (keys: (string * string) list) =
    let main =
        Mirage.Dsl.main ("Unikernel.Main", Mirage.Combinators.(@->) typ Mirage.Dsl.job)

    let registration =
        Mirage.Devices.Catalogue.Register("unikernel", [| (Mirage.Combinators.($) main device).Impl |])

    emitted registration target keys

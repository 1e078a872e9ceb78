/// Mirage.Testing from C#, as an xunit test would call it: a config built with the facade, its
/// properties checked with FsCheck's C# API (`using FsCheck;`).
module Mirage.Tests.Testing.CSharpUsageTests

open System.IO
open System.Reflection
open Expecto
open Mirage.Tests.Facade.Compilation

let private source (check: string) =
    $"""
using FsCheck;
using Mirage.CSharp;
using Mirage.Testing;
using static Mirage.CSharp.Dsl;

public static class Checks
{{
    public static void Run()
    {{
        var fast = Key.Create("fast", Key.Arg.Flag(Key.Arg.Info("Go fast.")));
        var job = IfImpl(fast.Value, Impl("Unikernel.Fast", Typ.Job), Impl("Unikernel.Slow", Typ.Job));
        var registration = Register("checked", [job]);
        {check};
    }}
}}
"""

/// Compiles and runs `Checks.Run`; returns the exception it throws, if any.
let private runChecks check =
    let compilation = compile (source check)
    let problems = errors compilation
    Expect.isEmpty problems $"compiles: {problems}"
    use image = new MemoryStream()
    Expect.isTrue (compilation.Emit image).Success "emits"
    let assembly = Assembly.Load(image.ToArray())

    try
        assembly.GetType("Checks").GetMethod("Run").Invoke(null, [||]) |> ignore
        None
    with :? TargetInvocationException as e ->
        Some(nonNull e.InnerException)

[<Tests>]
let tests =
    testList
        "Testing.From C#"
        [
            testCase "properties that hold pass"
            <| fun () ->
                let outcome =
                    runChecks
                        "GraphProperties.ConfiguresUnderEveryAssignment(registration).QuickCheckThrowOnFailure();
                         GraphProperties.DevicePresentWhen(registration, \"fast\", \"true\", \"Unikernel.Fast\").QuickCheckThrowOnFailure()"

                Expect.isNone (outcome |> Option.map string) "no failure"

            testCase "a property that does not hold fails with the assignment"
            <| fun () ->
                match
                    runChecks
                        "GraphProperties.DeviceAbsentWhen(registration, \"fast\", \"true\", \"Unikernel.Fast\").QuickCheckThrowOnFailure()"
                with
                | None -> failtest "fails"
                | Some e ->
                    Expect.stringContains e.Message "--fast=true: the device Unikernel.Fast is present" "says why"
        ]

namespace Mirage.Testing

open System
open System.Collections.Generic
open System.Runtime.InteropServices
open FsCheck
open FsCheck.FSharp
open Mirage.Engine
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// A property of a configuration did not hold; the message says for which assignment and why.
exception GraphPropertyFailed of message: string with
    override this.Message = this.message

/// <summary>
/// Properties of a unikernel's configuration over every target and configure-key assignment
/// (<see cref="ConfigGen"/>), checked by configuring it in memory with the engine. Each is an FsCheck
/// <c>Property</c>: run it with Expecto's <c>testProperty</c>, <c>Check.QuickThrowOnFailure</c>, or
/// from C# with <c>.QuickCheckThrowOnFailure()</c>.
/// </summary>
[<AbstractClass; Sealed>]
type GraphProperties =

    static member private Fail(registration: Registration, assignment: Assignment, why: string) =
        raise (GraphPropertyFailed $"'{registration.Name}' configured with {assignment}: {why}")

    static member private Describe(diagnostics: Diagnostic list) =
        diagnostics |> List.map string |> String.concat "; "

    static member private Configured(registration: Registration, assignment: Assignment) =
        match InMemory.configure registration assignment with
        | Ok configuration -> configuration
        | Error diagnostics ->
            GraphProperties.Fail(registration, assignment, $"configure fails: {GraphProperties.Describe diagnostics}")

    /// <summary>Configures in memory (nothing is written): the files, or the diagnostics.</summary>
    static member Configure
        (registration: Registration, assignment: Assignment)
        : Result<Configuration, Diagnostic list> =
        InMemory.configure registration assignment

    /// <summary>
    /// <paramref name="check"/> holds of the configuration under every assignment (configure must
    /// succeed); it returns false or throws to fail.
    /// </summary>
    static member ForAll
        (
            registration: Registration,
            check: Func<Assignment, Configuration, bool>,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Property =
        Prop.forAll (ConfigGen.Assignments(registration, values)) (fun assignment ->
            let configuration = GraphProperties.Configured(registration, assignment)

            if not (check.Invoke(assignment, configuration)) then
                GraphProperties.Fail(registration, assignment, "the check does not hold"))

    /// <summary>Configure succeeds on every target under every key assignment.</summary>
    static member ConfiguresUnderEveryAssignment
        (
            registration: Registration,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Property =
        GraphProperties.ForAll(registration, Func<_, _, _>(fun _ _ -> true), values)

    /// <summary>
    /// No two devices ask for one package in ways that cannot both hold (disjoint versions, or as a
    /// NuGet package and a framework), on any target under any key assignment.
    /// </summary>
    static member NoPackageConflict
        (
            registration: Registration,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Property =
        Prop.forAll (ConfigGen.Assignments(registration, values)) (fun assignment ->
            match InMemory.configure registration assignment with
            | Ok _ -> ()
            | Error diagnostics ->
                match diagnostics |> List.filter (fun d -> d.Code = "package-conflict") with
                | [] -> ()
                | conflicts -> GraphProperties.Fail(registration, assignment, GraphProperties.Describe conflicts))

    static member private DeviceWhen
        (registration: Registration, key, value, moduleName: string, present: bool, values)
        : Property =
        Prop.forAll (ConfigGen.AssignmentsWhere(registration, key, value, values)) (fun assignment ->
            let configuration = GraphProperties.Configured(registration, assignment)

            let found =
                configuration.Graph.Instances
                |> Seq.exists (fun i -> i.Device.ModuleName = moduleName)

            if found <> present then
                let what = if present then "is missing" else "is present"
                GraphProperties.Fail(registration, assignment, $"the device {moduleName} {what}"))

    /// <summary>Whenever the key <paramref name="key"/> is <paramref name="value"/>, a device of module <paramref name="moduleName"/> is connected.</summary>
    static member DevicePresentWhen
        (
            registration: Registration,
            key: string,
            value: string,
            moduleName: string,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Property =
        GraphProperties.DeviceWhen(registration, key, value, moduleName, true, values)

    /// <summary>Whenever the key <paramref name="key"/> is <paramref name="value"/>, no device of module <paramref name="moduleName"/> is connected.</summary>
    static member DeviceAbsentWhen
        (
            registration: Registration,
            key: string,
            value: string,
            moduleName: string,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Property =
        GraphProperties.DeviceWhen(registration, key, value, moduleName, false, values)

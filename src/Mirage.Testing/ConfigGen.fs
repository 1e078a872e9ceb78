namespace Mirage.Testing

open System.Collections.Generic
open System.Runtime.InteropServices
open FsCheck
open FsCheck.FSharp
open Mirage.Engine.Model
open Mirage.Engine.Targets

/// <summary>
/// FsCheck generators for a registration: targets and configure-key assignments, each key either
/// left to its default or given one of its values (<see cref="KeyDomain"/>). Shrinking drops given
/// keys and goes back to <c>unix</c>, so a failure is reported with the fewest keys that cause it.
/// </summary>
[<AbstractClass; Sealed>]
type ConfigGen =

    static member private Supplied (values: SuppliedValues | null) (key: Key) =
        match values with
        | null -> []
        | values ->
            match values.TryGetValue key.Name with
            | true, texts -> List.ofArray texts
            | _ -> []

    static member private Shrink (targets: string list) (fixedKey: string option) (assignment: Assignment) =
        seq {
            if assignment.Target <> "unix" && List.contains "unix" targets then
                yield { assignment with Target = "unix" }

            for i, (key, _) in List.indexed assignment.Keys do
                if Some key <> fixedKey then
                    yield
                        { assignment with
                            Keys = List.removeAt i assignment.Keys
                        }
        }

    /// The targets (<c>unix</c>, <c>aot</c>).
    static member Targets: Gen<string> = Gen.elements InMemory.targets

    /// <summary>The values to try for each configure key the registration can read, by key name.</summary>
    /// <param name="registration">The unikernel under test.</param>
    /// <param name="values">Extra values for keys, by name (needed for keys with no finite domain).</param>
    static member Domains
        (
            registration: Registration,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : (string * string list) list =
        [
            for key in InMemory.keys registration -> key.Name, KeyDomain.values (ConfigGen.Supplied values key) key
        ]

    /// <summary>Any target, and any assignment of the registration's configure keys.</summary>
    /// <param name="registration">The unikernel under test.</param>
    /// <param name="values">Extra values for keys, by name (needed for keys with no finite domain).</param>
    static member Assignments
        (
            registration: Registration,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Arbitrary<Assignment> =
        ConfigGen.AssignmentsOf(InMemory.targets, ConfigGen.Domains(registration, values), None)

    /// <summary>
    /// Any assignment in which <paramref name="key"/> is <paramref name="value"/>; the key may be
    /// <c>target</c>, which fixes the target.
    /// </summary>
    /// <exception cref="System.ArgumentException">The registration reads no such key, or the value does not parse.</exception>
    static member AssignmentsWhere
        (
            registration: Registration,
            key: string,
            value: string,
            [<Optional; DefaultParameterValue(null: SuppliedValues | null)>] values: SuppliedValues | null
        ) : Arbitrary<Assignment> =
        let domains = ConfigGen.Domains(registration, values)

        if key = KnownTargets.Key.Name then
            if not (List.contains value InMemory.targets) then
                invalidArg (nameof value) $"unknown target '{value}' (valid targets: {KnownTargets.Names})"

            ConfigGen.AssignmentsOf([ value ], domains, None)
        else
            match InMemory.keys registration |> List.tryFind (fun k -> k.Name = key) with
            | None ->
                let known = InMemory.keys registration |> List.map _.Name |> String.concat ", "

                invalidArg
                    (nameof key)
                    $"'{registration.Name}' reads no configure key '{key}' (its keys: target, {known})"
            | Some engineKey ->
                KeyDomain.values [ value ] engineKey |> ignore
                let others = domains |> List.filter (fun (name, _) -> name <> key)
                ConfigGen.AssignmentsOf(InMemory.targets, (key, [ value ]) :: others, Some key)

    static member private AssignmentsOf
        (targets: string list, domains: (string * string list) list, fixedKey: string option)
        =
        let keyGen (name, domain) =
            if Some name = fixedKey then
                Gen.constant (Some(name, List.head domain))
            else
                Gen.optionOf (Gen.elements domain) |> Gen.map (Option.map (fun v -> name, v))

        let gen =
            gen {
                let! target = Gen.elements targets
                let! keys = domains |> List.map keyGen |> Gen.sequenceToList

                return
                    {
                        Target = target
                        Keys = List.choose id keys
                    }
            }

        Arb.fromGenShrink (gen, ConfigGen.Shrink targets fixedKey)

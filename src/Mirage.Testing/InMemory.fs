namespace Mirage.Testing

open System.Collections.Generic
open System.IO
open Mirage.Engine
open Mirage.Engine.CodeGen
open Mirage.Engine.Diagnostics
open Mirage.Engine.Model
open Mirage.Engine.Output
open Mirage.Engine.Targets

/// Configuring a registration with the engine, in memory: nothing is written.
module InMemory =

    /// Where configure believes the config lives (it only names the output folder, never written).
    let private configFile (registration: Registration) =
        match registration.Location with
        | null -> Path.Combine(Path.GetTempPath(), "mirage-testing", "config.fsx")
        | location -> location.File

    /// The runtime project the generated project would reference; only its path is used.
    let private project =
        ProjectOptions(Path.Combine(Path.GetTempPath(), "mirage-testing", "Mirage.Runtime", "Mirage.Runtime.csproj"))

    /// Every configure key the registration can read, the built-in <c>target</c> excepted.
    let keys (registration: Registration) : Key list =
        Configurator.Keys registration
        |> Seq.filter (fun k -> k.Name <> KnownTargets.Key.Name)
        |> List.ofSeq

    /// The target names.
    let targets = KnownTargets.All |> Seq.map _.Name |> List.ofSeq

    /// <summary>Configures <paramref name="registration"/> for an assignment: the files, or the diagnostics.</summary>
    let configure (registration: Registration) (assignment: Assignment) : Result<Configuration, Diagnostic list> =
        let keys = Dictionary<string, string>()

        for key, value in assignment.Keys do
            keys[key] <- value

        try
            Ok(
                Configurator.Configure(
                    ConfigureRequest(
                        registration,
                        configFile registration,
                        ConfigureContext(assignment.Target, keys),
                        project
                    )
                )
            )
        with :? ConfigurationException as e ->
            Error(List.ofSeq e.Diagnostics)

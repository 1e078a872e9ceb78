namespace Mirage

open System
open System.Runtime.CompilerServices
open Mirage.Devices
open Mirage.Engine.Model

/// A NuGet package a device needs (upstream's <c>package</c>).
type package = Package

/// <summary>
/// The DSL's module types, devices and constructors, used with <c>open type Mirage.Dsl</c>:
/// <code>
/// let main = main ("Unikernel.Hello", sleep @-> job)
/// register ("hello", [ main $ default_sleep ])
/// </code>
/// </summary>
[<AbstractClass; Sealed>]
type Dsl =

    // ---- module types ----

    /// The module type of jobs: what <c>register</c> starts.
    static member job: job typ = ModuleTypes.Job

    /// The module type of sleep devices.
    static member sleep: sleep typ = ModuleTypes.Sleep

    /// The module type of POSIX (wall) clocks.
    static member ptime: ptime typ = ModuleTypes.PTime

    /// The module type of monotonic clocks.
    static member mtime: mtime typ = ModuleTypes.MTime

    /// The module type of random generators.
    static member random: random typ = ModuleTypes.Random

    /// The module type of log reporters.
    static member reporter: reporter typ = ModuleTypes.Reporter

    /// The module type of the command line.
    static member argv: argv typ = ModuleTypes.Argv

    /// <c>sleep</c>, by its MirageOS 4 name.
    static member time: sleep typ = ModuleTypes.Sleep

    /// <c>ptime</c>, by its MirageOS 4 name.
    static member pclock: ptime typ = ModuleTypes.PTime

    /// <c>mtime</c>, by its MirageOS 4 name.
    static member mclock: mtime typ = ModuleTypes.MTime

    /// <summary>
    /// A new abstract module type (upstream's <c>typ</c>), indexed by a phantom type of your own:
    /// <c>type kv_ro = class end</c> then <c>let kv_ro: kv_ro typ = typ "kv_ro"</c>.
    /// </summary>
    /// <param name="name">The module type's name, in messages and <c>mirage describe</c>.</param>
    /// <param name="csharpType">The C# type of its devices' connect code.</param>
    static member typ<'a>(name: string, ?csharpType: string) : 'a typ =
        typ<'a>(ModuleType.Base(name, Option.toObj csharpType))

    // ---- devices ----

    /// Sleeps on the system clock (one shared device).
    static member default_sleep: sleep impl = Catalogue.DefaultSleep

    /// The system's wall clock (one shared device).
    static member default_ptime: ptime impl = Catalogue.DefaultPTime

    /// The system's monotonic clock (one shared device).
    static member default_mtime: mtime impl = Catalogue.DefaultMTime

    /// The operating system's secure random generator (one shared device).
    static member default_random: random impl = Catalogue.DefaultRandom

    /// No sleep device: a sleep fails, naming the config's choice (one shared device).
    static member no_sleep: sleep impl = Catalogue.NoSleep

    /// No wall clock: reading it fails; log lines have no time (one shared device).
    static member no_ptime: ptime impl = Catalogue.NoPTime

    /// No monotonic clock: reading it fails, naming the config's choice (one shared device).
    static member no_mtime: mtime impl = Catalogue.NoMTime

    /// No random device: drawing from it fails, naming the config's choice (one shared device).
    static member no_random: random impl = Catalogue.NoRandom

    /// <c>default_sleep</c>, by its MirageOS 4 name.
    static member default_time: sleep impl = Catalogue.DefaultSleep

    /// <c>default_ptime</c>, by its MirageOS 4 name.
    static member default_posix_clock: ptime impl = Catalogue.DefaultPTime

    /// <c>default_mtime</c>, by its MirageOS 4 name.
    static member default_monotonic_clock: mtime impl = Catalogue.DefaultMTime

    /// <summary>
    /// Logs to the console, at <paramref name="level"/> (<c>Logs.Info</c> by default) unless the
    /// <c>-l/--logs</c> runtime argument says otherwise. Each call makes a new device.
    /// </summary>
    static member default_reporter(?level: Logs.level) : reporter impl =
        Catalogue.DefaultReporter(Nullable(Logs.toCatalogue (defaultArg level Logs.Info)))

    /// A console reporter with no threshold and no <c>--logs</c> argument (one shared device).
    static member no_reporter: reporter impl = Catalogue.NoReporter

    /// <summary>The process's command line (one shared device).</summary>
    static member default_argv: argv impl = Catalogue.DefaultArgv

    /// An empty command line: every runtime argument keeps its default (one shared device).
    static member no_argv: argv impl = Catalogue.NoArgv

    /// A job that does nothing (one shared device).
    static member noop: job impl = Catalogue.Noop

    // ---- constructors ----

    /// <summary>
    /// A NuGet package (upstream's <c>package</c>): <c>package "Foo"</c>, or with bounds
    /// <c>package ("Foo", min = "1.0", max = "2.0")</c>.
    /// </summary>
    /// <param name="name">The package id.</param>
    /// <param name="min">The lowest version accepted (inclusive).</param>
    /// <param name="max">The first version refused (exclusive).</param>
    /// <param name="build">A build-time only package (an analyzer, a build tool).</param>
    /// <param name="assemblies">The assemblies it brings, for documentation.</param>
    static member package(name: string, ?min: string, ?max: string, ?build: bool, ?assemblies: string list) : package =
        Package(
            name,
            Option.toObj min,
            Option.toObj max,
            defaultArg build false,
            assemblies |> Option.map ResizeArray |> Option.toObj
        )

    /// <summary>
    /// The application's main module (upstream's <c>main</c>): a device whose connect code is
    /// <c>new Name(functor arguments..., runtime arguments by name...)</c>.
    /// <c>main ("Unikernel.Hello", sleep @-> job, runtime_args = [ hello ])</c>.
    /// </summary>
    /// <param name="name">The C# class, with its namespace.</param>
    /// <param name="typ">Its module type, usually a functor ending in <c>job</c>.</param>
    /// <param name="packages">The NuGet packages it needs.</param>
    /// <param name="keys">The configure keys it reads.</param>
    /// <param name="runtime_args">The runtime arguments its constructor takes.</param>
    /// <param name="deps">Devices connected before it, without being functor arguments.</param>
    /// <param name="local_libs">
    /// Library projects beside the config that it uses (upstream's <c>~local_libs</c>): paths of
    /// <c>.csproj</c>/<c>.fsproj</c> files relative to the config, each referenced by the generated
    /// project and kept out of the unikernel's own sources.
    /// </param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    static member main
        (
            name: string,
            typ: 'a typ,
            ?packages: package list,
            ?keys: abstract_key list,
            ?runtime_args: abstract_runtime_arg list,
            ?deps: abstract_impl list,
            ?local_libs: string list,
            [<CallerFilePath>] ?file: string,
            [<CallerLineNumber>] ?line: int
        ) : 'a impl =
        let location = Location.ofCaller file line

        let device =
            Device(
                name,
                typ.Type,
                packages = ResizeArray(defaultArg packages []),
                keys = ResizeArray(defaultArg keys [] |> List.map _.Key),
                runtimeArgs = ResizeArray(defaultArg runtime_args [] |> List.map _.RuntimeArg),
                extraDeps = ResizeArray(defaultArg deps [] |> List.map _.Impl),
                location = location,
                projectItems =
                    ResizeArray(
                        defaultArg local_libs []
                        |> List.map (fun path -> LocalLibraries.Reference(path, location))
                    )
            )

        impl<'a>(Impl.Of device)

    /// <summary>
    /// A device (upstream's <c>impl</c>). Every call makes a new device; bind it to a name to use one
    /// device in many places.
    /// </summary>
    /// <param name="name">The C# class, with its namespace.</param>
    /// <param name="typ">Its module type.</param>
    /// <param name="packages">The NuGet packages it needs.</param>
    /// <param name="keys">The configure keys it reads.</param>
    /// <param name="runtime_args">The runtime arguments its connect code takes.</param>
    /// <param name="extra_deps">Devices connected before it, without being functor arguments.</param>
    /// <param name="connect">
    /// The C# expression that connects it (it may <c>await</c> and use <c>cancellationToken</c>), from
    /// the configuration, the class name, and the C# variables of the functor arguments, then of the
    /// extra dependencies, then the expressions of the runtime arguments. By default
    /// <c>new Name(arguments..., runtime arguments by name...)</c>.
    /// </param>
    /// <param name="files">Files, relative to the config, its code needs at build time.</param>
    /// <param name="project_items">MSBuild items it adds to the generated project.</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    static member impl
        (
            name: string,
            typ: 'a typ,
            ?packages: package list,
            ?keys: abstract_key list,
            ?runtime_args: abstract_runtime_arg list,
            ?extra_deps: abstract_impl list,
            ?connect: info -> string -> string list -> string,
            ?files: string list,
            ?project_items: ProjectItem list,
            [<CallerFilePath>] ?file: string,
            [<CallerLineNumber>] ?line: int
        ) : 'a impl =
        let runtimeArgs = defaultArg runtime_args [] |> List.map _.RuntimeArg

        let emitter (connect: info -> string -> string list -> string) =
            ConnectEmitter(fun context ->
                let runtimeExpressions =
                    runtimeArgs |> List.map (fun a -> context.RuntimeArguments[a.Name])

                let variables =
                    List.ofSeq context.Arguments
                    @ List.ofSeq context.ExtraDependencies
                    @ runtimeExpressions

                connect (info context.Info) context.ModuleName variables)

        let device =
            Device(
                name,
                typ.Type,
                packages = ResizeArray(defaultArg packages []),
                keys = ResizeArray(defaultArg keys [] |> List.map _.Key),
                runtimeArgs = ResizeArray runtimeArgs,
                extraDeps = ResizeArray(defaultArg extra_deps [] |> List.map _.Impl),
                connect = (connect |> Option.map emitter |> Option.toObj),
                files = (files |> Option.map ResizeArray |> Option.toObj),
                location = Location.ofCaller file line,
                projectItems = (project_items |> Option.map ResizeArray |> Option.toObj)
            )

        impl<'a>(Impl.Of device)

    /// <summary>Forgets a device's type, for <c>deps</c> and <c>extra_deps</c> (upstream's <c>dep</c>).</summary>
    static member dep(impl: 'a impl) : abstract_impl = impl

    /// <summary>
    /// A runtime argument, parsed when the unikernel starts:
    /// <c>runtime_arg ("hello", Runtime_arg.string "Hello World!", doc = "How to say hello.")</c>.
    /// Pass it in the <c>runtime_args</c> of the devices that read it.
    /// </summary>
    /// <param name="name"><c>--name=value</c>: lowercase letters, digits, '-' or '_'.</param>
    /// <param name="conv">Its kind and default, from <c>Runtime_arg</c>.</param>
    /// <param name="doc">The help text.</param>
    /// <param name="docv">What a value looks like in the help text.</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    static member runtime_arg
        (
            name: string,
            conv: 'a Runtime_arg.conv,
            ?doc: string,
            ?docv: string,
            [<CallerFilePath>] ?file: string,
            [<CallerLineNumber>] ?line: int
        ) : 'a runtime_arg =
        runtime_arg<'a>(conv.Create(name, defaultArg doc "", docv, Location.ofCaller file line))

    /// <summary>
    /// Registers the unikernel <paramref name="name"/> (upstream's <c>register</c>): its jobs start
    /// once every device is connected. The init devices default to <c>default_argv</c>, a new
    /// <c>default_reporter ()</c>, <c>default_sleep</c>, <c>default_ptime</c>, <c>default_mtime</c>
    /// and <c>default_random</c>.
    /// </summary>
    /// <param name="name">The unikernel's name: the generated project and binary are named after it.</param>
    /// <param name="jobs">The jobs to start.</param>
    /// <param name="argv">The command line runtime arguments are parsed from.</param>
    /// <param name="reporter">The log reporter.</param>
    /// <param name="sleep">The sleep device.</param>
    /// <param name="ptime">The wall clock.</param>
    /// <param name="mtime">The monotonic clock.</param>
    /// <param name="random">The random generator.</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    static member register
        (
            name: string,
            jobs: job impl list,
            ?argv: argv impl,
            ?reporter: reporter impl,
            ?sleep: sleep impl,
            ?ptime: ptime impl,
            ?mtime: mtime impl,
            ?random: random impl,
            [<CallerFilePath>] ?file: string,
            [<CallerLineNumber>] ?line: int
        ) : unit =
        let engine (device: 'b impl option) =
            device |> Option.map _.Impl |> Option.toObj

        Catalogue.Register(
            name,
            ResizeArray(jobs |> List.map _.Impl),
            engine argv,
            engine reporter,
            engine sleep,
            engine ptime,
            engine mtime,
            engine random,
            Location.ofCaller file line
        )
        |> Registry.Record

using System.Runtime.CompilerServices;
using Mirage.Devices.Arguments;
using Mirage.Engine.Model;
using EngineImpl = Mirage.Engine.Model.Impl;

namespace Mirage.CSharp;

// The rest of the algebra: devices of your own, packages, runtime arguments, choices by keys.
public static partial class Dsl
{
    /// <summary>
    /// A device (upstream's <c>impl</c>). Every call makes a new device; keep it in a variable to use
    /// one device in many places.
    /// </summary>
    /// <param name="name">The C# class, with its namespace.</param>
    /// <param name="typ">Its module type.</param>
    /// <param name="packages">The packages it needs.</param>
    /// <param name="keys">The configure keys it reads.</param>
    /// <param name="runtimeArgs">The runtime arguments its connect code takes.</param>
    /// <param name="extraDeps">Devices connected before it, without being functor arguments.</param>
    /// <param name="connect">
    /// The C# expression that connects it (it may <c>await</c> and use <c>cancellationToken</c>), from
    /// the configuration, the class name, and the C# variables of the functor arguments, then of the
    /// extra dependencies, then the expressions of the runtime arguments. By default
    /// <c>new Name(arguments..., runtime arguments by name...)</c>.
    /// </param>
    /// <param name="files">Files, relative to the config, its code needs at build time.</param>
    /// <param name="projectItems">MSBuild items it adds to the generated project.</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    public static Impl<T> Impl<T>(
        string name,
        Typ<T> typ,
        IReadOnlyList<Package>? packages = null,
        IReadOnlyList<AbstractKey>? keys = null,
        IReadOnlyList<AbstractRuntimeArg>? runtimeArgs = null,
        IReadOnlyList<AbstractImpl>? extraDeps = null,
        Func<Info, string, IReadOnlyList<string>, string>? connect = null,
        IReadOnlyList<string>? files = null,
        IReadOnlyList<ProjectItem>? projectItems = null,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        var engineArgs = runtimeArgs?.Select(a => a.RuntimeArg).ToList() ?? [];
        ConnectEmitter? emitter = connect is null
            ? null
            : context => connect(
                new Info(context.Info),
                context.ModuleName,
                [
                    .. context.Arguments,
                    .. context.ExtraDependencies,
                    .. engineArgs.Select(a => context.RuntimeArguments[a.Name]),
                ]);
        var device = new Device(
            name,
            typ.Type,
            packages,
            keys?.Select(k => k.Key).ToList(),
            engineArgs,
            extraDeps?.Select(d => d.Impl).ToList(),
            emitter,
            files,
            Locations.Of(file, line),
            projectItems);
        return new(EngineImpl.Of(device));
    }

    /// <summary>Forgets a device's type, for <c>deps</c> and <c>extraDeps</c> (upstream's <c>dep</c>).</summary>
    public static AbstractImpl Dep<T>(Impl<T> impl) => impl;

    /// <summary>
    /// A NuGet package (upstream's <c>package</c>): <c>Package("Foo", min: "1.0", max: "2.0")</c>.
    /// </summary>
    /// <param name="name">The package id.</param>
    /// <param name="min">The lowest version accepted (inclusive).</param>
    /// <param name="max">The first version refused (exclusive).</param>
    /// <param name="build">A build-time only package (an analyzer, a build tool).</param>
    /// <param name="assemblies">The assemblies it brings, for documentation.</param>
    public static Package Package(
        string name,
        string? min = null,
        string? max = null,
        bool build = false,
        IReadOnlyList<string>? assemblies = null) =>
        new(name, min, max, build, assemblies);

    /// <summary>A shared framework of the SDK, such as <c>Microsoft.AspNetCore.App</c> (a <c>&lt;FrameworkReference&gt;</c>).</summary>
    public static Package FrameworkPackage(string name) => Mirage.Engine.Model.Package.Framework(name);

    /// <summary>One of Mirage's runtime libraries, such as <c>Mirage.Runtime.Http</c> (a <c>&lt;ProjectReference&gt;</c>).</summary>
    public static Package RuntimeLibrary(string name) => Mirage.Engine.Model.Package.RuntimeLibrary(name);

    /// <summary>
    /// A runtime argument, parsed when the unikernel starts:
    /// <c>RuntimeArg("hello", ArgKind.String("Hello World!"), doc: "How to say hello.")</c>.
    /// List it in the <c>runtimeArgs</c> of the devices that read it.
    /// </summary>
    /// <param name="name"><c>--name=value</c>: lowercase letters, digits, '-' or '_'.</param>
    /// <param name="kind">Its kind and default, from <see cref="ArgKind"/>.</param>
    /// <param name="doc">The help text.</param>
    /// <param name="docv">What a value looks like in the help text.</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors.</param>
    /// <param name="line">Filled in by the compiler.</param>
    public static RuntimeArg<T> RuntimeArg<T>(
        string name,
        RuntimeArgKind<T> kind,
        string doc = "",
        string? docv = null,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0) =>
        new(kind.Create(name, doc, docv, Locations.Of(file, line)));

    /// <summary>
    /// Upstream's <c>if_impl</c>: <paramref name="ifTrue"/> when <paramref name="condition"/> holds once
    /// keys are resolved, else <paramref name="ifFalse"/>.
    /// </summary>
    public static Impl<T> IfImpl<T>(Value<bool> condition, Impl<T> ifTrue, Impl<T> ifFalse) =>
        new(new IfImpl(condition.KeyValue, ifTrue.Impl, ifFalse.Impl));

    /// <summary>
    /// Upstream's <c>match_impl</c>: the device of the first case equal to <paramref name="value"/> once
    /// keys are resolved, else <paramref name="otherwise"/>:
    /// <c>MatchImpl(Key.Target, [(Target.Aot, a)], b)</c>.
    /// </summary>
    public static Impl<T> MatchImpl<TValue, T>(
        Value<TValue> value,
        IReadOnlyList<(TValue Value, Impl<T> Impl)> cases,
        Impl<T> otherwise)
        where TValue : notnull =>
        new(new MatchImpl(value.KeyValue, [.. cases.Select(c => ((object)c.Value, c.Impl.Impl))], otherwise.Impl));
}

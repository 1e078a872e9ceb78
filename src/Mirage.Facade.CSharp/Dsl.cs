using System.Runtime.CompilerServices;
using Mirage.Devices;
using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>
/// The constructors of a C# configuration, used with <c>using static Mirage.CSharp.Dsl;</c>:
/// <code>
/// var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));
/// return Register("hello", [main.Apply(Devices.DefaultSleep)]);
/// </code>
/// </summary>
public static partial class Dsl
{
    /// <summary>
    /// The application's main module (upstream's <c>main</c>): a device whose connect code is
    /// <c>new Name(functor arguments..., runtime arguments by name...)</c>.
    /// </summary>
    /// <param name="name">The C# class, with its namespace.</param>
    /// <param name="typ">Its module type, usually a functor ending in <see cref="Job"/>.</param>
    /// <param name="packages">The packages it needs (<see cref="Package"/>, <see cref="FrameworkPackage"/>, <see cref="RuntimeLibrary"/>).</param>
    /// <param name="keys">The configure keys it reads (<see cref="Key.Create{T}"/>).</param>
    /// <param name="runtimeArgs">The runtime arguments its constructor takes, by name (<see cref="RuntimeArg{T}"/>).</param>
    /// <param name="deps">Devices connected before it, without being functor arguments.</param>
    /// <param name="localLibs">
    /// Library projects beside the config that it uses (upstream's <c>~local_libs</c>): paths of
    /// <c>.csproj</c>/<c>.fsproj</c> files relative to the config, each referenced by the generated
    /// project and kept out of the unikernel's own sources.
    /// </param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors and <c>#line</c>.</param>
    /// <param name="line">Filled in by the compiler.</param>
    public static Impl<T> Main<T>(
        string name,
        Typ<T> typ,
        IReadOnlyList<Package>? packages = null,
        IReadOnlyList<AbstractKey>? keys = null,
        IReadOnlyList<AbstractRuntimeArg>? runtimeArgs = null,
        IReadOnlyList<AbstractImpl>? deps = null,
        IReadOnlyList<string>? localLibs = null,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        var location = LocationOf(file, line);
        return new(Mirage.Engine.Model.Impl.Of(new Device(
            name,
            typ.Type,
            packages,
            keys?.Select(k => k.Key).ToList(),
            runtimeArgs?.Select(a => a.RuntimeArg).ToList(),
            deps?.Select(d => d.Impl).ToList(),
            location: location,
            projectItems: localLibs?.Select(path => LocalLibraries.Reference(path, location)).ToList())));
    }

    /// <summary>
    /// Describes the unikernel <paramref name="name"/> (upstream's <c>register</c>): its jobs start once
    /// every device is connected; init devices not given are the catalogue's defaults.
    /// </summary>
    /// <param name="name">The unikernel's name.</param>
    /// <param name="jobs">The jobs to start.</param>
    /// <param name="argv">The command line (default <see cref="Devices.DefaultArgv"/>).</param>
    /// <param name="reporter">The log reporter (default a new <see cref="Devices.DefaultReporter"/>).</param>
    /// <param name="sleep">The sleep device (default <see cref="Devices.DefaultSleep"/>).</param>
    /// <param name="ptime">The wall clock (default <see cref="Devices.DefaultPTime"/>).</param>
    /// <param name="mtime">The monotonic clock (default <see cref="Devices.DefaultMTime"/>).</param>
    /// <param name="random">The random generator (default <see cref="Devices.DefaultRandom"/>).</param>
    /// <param name="file">Filled in by the compiler: where the call is, for errors.</param>
    /// <param name="line">Filled in by the compiler.</param>
    public static Registration Register(
        string name,
        IReadOnlyList<Impl<Job>> jobs,
        Impl<Argv>? argv = null,
        Impl<Reporter>? reporter = null,
        Impl<Sleep>? sleep = null,
        Impl<PTime>? ptime = null,
        Impl<MTime>? mtime = null,
        Impl<Random>? random = null,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        var registration = Catalogue.Register(
            name,
            jobs.Select(j => j.Impl).ToList(),
            argv?.Impl,
            reporter?.Impl,
            sleep?.Impl,
            ptime?.Impl,
            mtime?.Impl,
            random?.Impl,
            LocationOf(file, line));
        // A config.cs's top-level statements cannot return it: `mirage` takes it from the capture.
        RegistrationCapture.Record(registration);
        return registration;
    }

    private static SourceLocation? LocationOf(string file, int line) =>
        string.IsNullOrEmpty(file) ? null : new SourceLocation(file, line);
}

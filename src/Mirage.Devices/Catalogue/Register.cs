using Mirage.Engine.Model;

namespace Mirage.Devices;

/// <summary>
/// The catalogue's devices, shared by identity where upstream has a value (<c>default_sleep</c>)
/// and made afresh where upstream has a function (<c>default_reporter ()</c>), and
/// <see cref="Register"/>, which fills the init devices upstream's <c>register</c> defaults to.
/// </summary>
public static partial class Catalogue
{
    /// <summary>
    /// Upstream's <c>register</c>: the unikernel <paramref name="name"/> starts <paramref name="jobs"/>
    /// once the init devices are connected. Each init device not given is the default:
    /// <see cref="DefaultArgv"/>, a new <see cref="DefaultReporter"/>, <see cref="DefaultSleep"/>,
    /// <see cref="DefaultPTime"/>, <see cref="DefaultMTime"/>, <see cref="DefaultRandom"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A job or an init device has the wrong module type.</exception>
    public static Registration Register(
        string name,
        IReadOnlyList<Impl> jobs,
        Impl? argv = null,
        Impl? reporter = null,
        Impl? sleep = null,
        Impl? ptime = null,
        Impl? mtime = null,
        Impl? random = null,
        SourceLocation? location = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a unikernel needs a name", nameof(name));
        }
        for (var i = 0; i < jobs.Count; i++)
        {
            if (jobs[i].Type != ModuleTypes.Job.Type)
            {
                throw new ArgumentException(
                    $"job {i + 1} of '{name}' has type {jobs[i].Type}, but register expects {ModuleTypes.Job.Type}", nameof(jobs));
            }
        }
        IReadOnlyList<(InitRole, Impl)> init =
        [
            Role(InitRole.Argv, ModuleTypes.Argv.Type, argv ?? DefaultArgv.Impl),
            Role(InitRole.Reporter, ModuleTypes.Reporter.Type, reporter ?? DefaultReporter().Impl),
            Role(InitRole.Sleep, ModuleTypes.Sleep.Type, sleep ?? DefaultSleep.Impl),
            Role(InitRole.PTime, ModuleTypes.PTime.Type, ptime ?? DefaultPTime.Impl),
            Role(InitRole.MTime, ModuleTypes.MTime.Type, mtime ?? DefaultMTime.Impl),
            Role(InitRole.Random, ModuleTypes.Random.Type, random ?? DefaultRandom.Impl),
        ];
        return new Registration(name, jobs, init, location);
    }

    private static (InitRole, Impl) Role(InitRole role, ModuleType expected, Impl impl)
    {
        var roleName = role.ToString().ToLowerInvariant();
        return impl.Type == expected
            ? (role, impl)
            : throw new ArgumentException(
                $"register: the {roleName} device has type {impl.Type}, but the {roleName} role expects type {expected}",
                roleName);
    }
}

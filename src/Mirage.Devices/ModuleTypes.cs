using Mirage.Devices.Contract;
using Mirage.Engine.Model;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of jobs, what <c>register</c> starts.</summary>
    public sealed class Job
    {
        private Job() { }
    }

    /// <summary>The module type of sleep devices.</summary>
    public sealed class Sleep
    {
        private Sleep() { }
    }

    /// <summary>The module type of POSIX (wall) clocks.</summary>
    public sealed class PTime
    {
        private PTime() { }
    }

    /// <summary>The module type of monotonic clocks.</summary>
    public sealed class MTime
    {
        private MTime() { }
    }

    /// <summary>The module type of random generators.</summary>
    public sealed class Random
    {
        private Random() { }
    }

    /// <summary>The module type of log reporters.</summary>
    public sealed class Reporter
    {
        private Reporter() { }
    }

    /// <summary>The module type of the command line.</summary>
    public sealed class Argv
    {
        private Argv() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    /// <summary>
    /// The module types of the catalogue, each with the runtime type its devices' connect code returns.
    /// A front end gives each a phantom type (<c>sleep typ</c>, <c>Typ&lt;Sleep&gt;</c>).
    /// </summary>
    public static partial class ModuleTypes
    {
        /// <summary>What <c>register</c> starts: <c>Mirage.Runtime.IJob</c>.</summary>
        public static readonly Typ<Job> Job = new(ModuleType.Job);

        /// <summary>Sleeping for a duration: <c>Mirage.Runtime.Time.ISleep</c> (upstream's <c>sleep</c>, formerly <c>time</c>).</summary>
        public static readonly Typ<Sleep> Sleep = new("sleep", RuntimeName.Of(nameof(Mirage.Runtime.Time.ISleep)));

        /// <summary>The POSIX (wall) clock: <c>Mirage.Runtime.Time.IPClock</c> (upstream's <c>ptime</c>, formerly <c>pclock</c>).</summary>
        public static readonly Typ<PTime> PTime = new("ptime", RuntimeName.Of(nameof(Mirage.Runtime.Time.IPClock)));

        /// <summary>The monotonic clock: <c>Mirage.Runtime.Time.IMClock</c> (upstream's <c>mtime</c>, formerly <c>mclock</c>).</summary>
        public static readonly Typ<MTime> MTime = new("mtime", RuntimeName.Of(nameof(Mirage.Runtime.Time.IMClock)));

        /// <summary>Cryptographically secure random bytes: <c>Mirage.Runtime.Entropy.IRandom</c>.</summary>
        public static readonly Typ<Random> Random = new("random", RuntimeName.Of(nameof(Mirage.Runtime.Entropy.IRandom)));

        /// <summary>Where log messages go: <c>Mirage.Runtime.Logging.IReporter</c>.</summary>
        public static readonly Typ<Reporter> Reporter = new("reporter", RuntimeName.Of(nameof(Mirage.Runtime.Logging.IReporter)));

        /// <summary>The command line the runtime arguments are parsed from: <c>string[]</c>.</summary>
        public static readonly Typ<Argv> Argv = new("argv", "string[]");
    }
}

using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

/// <summary>
/// The module types of the catalogue, each with the runtime type its devices' connect code returns.
/// A front end gives each a phantom type (<c>sleep typ</c>, <c>Typ&lt;Sleep&gt;</c>).
/// </summary>
public static partial class ModuleTypes
{
    /// <summary>What <c>register</c> starts: <c>Mirage.Runtime.IJob</c>.</summary>
    public static readonly ModuleType Job = ModuleType.Job;

    /// <summary>Sleeping for a duration: <c>Mirage.Runtime.Time.ISleep</c> (upstream's <c>sleep</c>, formerly <c>time</c>).</summary>
    public static readonly ModuleType Sleep = new ModuleType.Base("sleep", RuntimeName.Of(nameof(Mirage.Runtime.Time.ISleep)));

    /// <summary>The POSIX (wall) clock: <c>Mirage.Runtime.Time.IPClock</c> (upstream's <c>ptime</c>, formerly <c>pclock</c>).</summary>
    public static readonly ModuleType PTime = new ModuleType.Base("ptime", RuntimeName.Of(nameof(Mirage.Runtime.Time.IPClock)));

    /// <summary>The monotonic clock: <c>Mirage.Runtime.Time.IMClock</c> (upstream's <c>mtime</c>, formerly <c>mclock</c>).</summary>
    public static readonly ModuleType MTime = new ModuleType.Base("mtime", RuntimeName.Of(nameof(Mirage.Runtime.Time.IMClock)));

    /// <summary>Cryptographically secure random bytes: <c>Mirage.Runtime.Entropy.IRandom</c>.</summary>
    public static readonly ModuleType Random = new ModuleType.Base("random", RuntimeName.Of(nameof(Mirage.Runtime.Entropy.IRandom)));

    /// <summary>Where log messages go: <c>Mirage.Runtime.Logging.IReporter</c>.</summary>
    public static readonly ModuleType Reporter = new ModuleType.Base("reporter", RuntimeName.Of(nameof(Mirage.Runtime.Logging.IReporter)));

    /// <summary>The command line the runtime arguments are parsed from: <c>string[]</c>.</summary>
    public static readonly ModuleType Argv = new ModuleType.Base("argv", "string[]");
}

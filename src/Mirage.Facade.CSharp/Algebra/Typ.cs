using Mirage.Devices;
using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>The catalogue's module types and the ways to make others.</summary>
public static partial class Typ
{
    /// <summary>Jobs.</summary>
    public static readonly Typ<Job> Job = ModuleTypes.Job;

    /// <summary>Sleep devices.</summary>
    public static readonly Typ<Sleep> Sleep = ModuleTypes.Sleep;

    /// <summary>POSIX (wall) clocks.</summary>
    public static readonly Typ<PTime> PTime = ModuleTypes.PTime;

    /// <summary>Monotonic clocks.</summary>
    public static readonly Typ<MTime> MTime = ModuleTypes.MTime;

    /// <summary>Random generators.</summary>
    public static readonly Typ<Random> Random = ModuleTypes.Random;

    /// <summary>Log reporters.</summary>
    public static readonly Typ<Reporter> Reporter = ModuleTypes.Reporter;

    /// <summary>The command line.</summary>
    public static readonly Typ<Argv> Argv = ModuleTypes.Argv;

    /// <summary>The functor type from <paramref name="argument"/> to <paramref name="result"/> (upstream's <c>@-&gt;</c>).</summary>
    public static Typ<Fn<TArg, TResult>> Fn<TArg, TResult>(Typ<TArg> argument, Typ<TResult> result) =>
        new(new ModuleType.Functor(argument.Type, result.Type));

    /// <summary>
    /// A new abstract module type (upstream's <c>typ</c>), indexed by a marker class of your own.
    /// </summary>
    /// <param name="name">The module type's name, in messages and <c>mirage describe</c>.</param>
    /// <param name="csharpType">The C# type of its devices' connect code.</param>
    public static Typ<T> Of<T>(string name, string? csharpType = null) => new(new ModuleType.Base(name, csharpType));
}

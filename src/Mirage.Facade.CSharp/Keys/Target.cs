using Mirage.Engine.Targets;

namespace Mirage.CSharp;

/// <summary>The platform a unikernel is built for: the value of <see cref="Key.Target"/>.</summary>
public enum Target
{
    /// <summary>A plain .NET process.</summary>
    Unix,

    /// <summary>A trimmed Native AOT binary.</summary>
    Aot,
}

internal static class Targets
{
    public static Target OfName(string name) =>
        name == KnownTargets.Unix.Name ? Target.Unix
        : name == KnownTargets.Aot.Name ? Target.Aot
        : throw new ArgumentException($"unknown target '{name}' (valid targets: {KnownTargets.Names})", nameof(name));
}

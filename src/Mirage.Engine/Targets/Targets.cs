using Mirage.Engine.Model;

namespace Mirage.Engine.Targets;

/// <summary>The known targets and the built-in <c>target</c> configure key that selects one.</summary>
public static class KnownTargets
{
    /// <summary>A framework-dependent .NET process, published as one executable file.</summary>
    public static readonly Target Unix = new(
        "unix",
        "a plain .NET process (framework-dependent, single file)",
        new Dictionary<string, string>
        {
            ["PublishSingleFile"] = "true",
            ["SelfContained"] = "false",
            ["PublishTrimmed"] = "false",
        });

    /// <summary>A trimmed, self-contained Native AOT binary.</summary>
    public static readonly Target Aot = new(
        "aot",
        "a trimmed Native AOT binary (self-contained, single native file)",
        new Dictionary<string, string>
        {
            ["PublishAot"] = "true",
            ["StripSymbols"] = "true",
            ["InvariantGlobalization"] = "true",
            ["UseSystemResourceKeys"] = "true",
            ["OptimizationPreference"] = "Size",
        });

    public static readonly IReadOnlyList<Target> All = [Unix, Aot];

    public static string Names => string.Join(", ", All.Select(t => t.Name));

    public static Target? TryFind(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>upstream's <c>Key.target</c>: <c>-t/--target</c>, readable by <c>if_impl</c>/<c>match_impl</c>.</summary>
    public static readonly Key Key = new(
        "target",
        $"Target platform to configure and build for: {Names}.",
        string.Join("|", All.Select(t => t.Name)),
        Unix.Name,
        text => TryFind(text) is { } t
            ? (t.Name, null)
            : (null, $"unknown target '{text}' (valid targets: {Names})"),
        value => (string)value);
}

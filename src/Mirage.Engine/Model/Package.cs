namespace Mirage.Engine.Model;

/// <summary>
/// A NuGet package a device needs. <see cref="Min"/> is inclusive and <see cref="Max"/> exclusive,
/// as in upstream's <c>package ~min ~max</c>. A build-only package (an analyzer, a build tool) gets
/// <c>PrivateAssets="all"</c>. <see cref="Assemblies"/> names the assemblies it brings, for docs
/// and <c>query</c>; NuGet decides what is actually referenced.
/// </summary>
public sealed record Package(
    string Name,
    string? Min = null,
    string? Max = null,
    bool BuildOnly = false,
    IReadOnlyList<string>? Assemblies = null)
{
    public IReadOnlyList<string> Assemblies { get; init; } = Assemblies ?? [];

    /// <summary>The bound in NuGet's interval notation: <c>[1.0,2.0)</c>, <c>1.0</c> (>= 1.0), or <c>*</c>.</summary>
    public string VersionRange => (Min, Max) switch
    {
        (null, null) => "*",
        (string min, null) => min,
        (null, string max) => $"(,{max})",
        (string min, string max) => $"[{min},{max})",
    };

    public override string ToString() =>
        (Min, Max) switch
        {
            (null, null) => Name,
            (string min, null) => $"{Name} >= {min}",
            (null, string max) => $"{Name} < {max}",
            (string min, string max) => $"{Name} >= {min} < {max}",
        } + (BuildOnly ? " (build)" : "");

    public bool Equals(Package? other) =>
        other is not null && Name == other.Name && Min == other.Min && Max == other.Max
        && BuildOnly == other.BuildOnly && Assemblies.SequenceEqual(other.Assemblies);

    public override int GetHashCode() => HashCode.Combine(Name, Min, Max, BuildOnly);
}

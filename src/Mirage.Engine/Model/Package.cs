namespace Mirage.Engine.Model;

/// <summary>How the generated project refers to a <see cref="Package"/>.</summary>
public enum PackageKind
{
    /// <summary>A NuGet package: <c>&lt;PackageReference&gt;</c> with the merged version range.</summary>
    NuGet,

    /// <summary>A shared framework of the SDK (<c>Microsoft.AspNetCore.App</c>): <c>&lt;FrameworkReference&gt;</c>, no version.</summary>
    Framework,

    /// <summary>
    /// One of Mirage's own runtime libraries (<c>Mirage.Runtime.Http</c>), a project beside
    /// <c>Mirage.Runtime</c>: <c>&lt;ProjectReference&gt;</c>, no version. Keeps what a device pulls in
    /// out of programs that do not use it.
    /// </summary>
    RuntimeLibrary,
}

/// <summary>
/// A NuGet package a device needs (or, by <see cref="Kind"/>, a shared framework or one of Mirage's
/// runtime libraries). <see cref="Min"/> is inclusive and <see cref="Max"/> exclusive,
/// as in upstream's <c>package ~min ~max</c>. A build-only package (an analyzer, a build tool) gets
/// <c>PrivateAssets="all"</c>. <see cref="Assemblies"/> names the assemblies it brings, for docs
/// and <c>query</c>; NuGet decides what is actually referenced.
/// </summary>
public sealed record Package(
    string Name,
    string? Min = null,
    string? Max = null,
    bool BuildOnly = false,
    IReadOnlyList<string>? Assemblies = null,
    PackageKind Kind = PackageKind.NuGet)
{
    /// <summary>A shared framework of the SDK, such as <c>Microsoft.AspNetCore.App</c>.</summary>
    public static Package Framework(string name) => new(name, Kind: PackageKind.Framework);

    /// <summary>One of Mirage's runtime libraries, such as <c>Mirage.Runtime.Http</c>.</summary>
    public static Package RuntimeLibrary(string name) => new(name, Kind: PackageKind.RuntimeLibrary);

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
        } + Tags;

    /// <summary>What sets it apart from a plain NuGet dependency: <c> (build)</c>, <c> (framework)</c>, <c> (runtime library)</c>.</summary>
    public string Tags => (BuildOnly ? " (build)" : "") + Kind switch
    {
        PackageKind.Framework => " (framework)",
        PackageKind.RuntimeLibrary => " (runtime library)",
        _ => "",
    };

    public bool Equals(Package? other) =>
        other is not null && Name == other.Name && Min == other.Min && Max == other.Max
        && BuildOnly == other.BuildOnly && Assemblies.SequenceEqual(other.Assemblies) && Kind == other.Kind;

    public override int GetHashCode() => HashCode.Combine(Name, Min, Max, BuildOnly, Kind);
}

namespace Mirage.Runtime.Info;

/// <summary>How a unikernel's project refers to an <see cref="AppPackage"/>.</summary>
public enum AppPackageKind
{
    /// <summary>A NuGet package, with a version range.</summary>
    NuGet,

    /// <summary>A shared framework of the SDK (<c>Microsoft.AspNetCore.App</c>).</summary>
    Framework,

    /// <summary>One of Mirage's runtime libraries, built from source with the unikernel.</summary>
    RuntimeLibrary,
}

/// <summary>
/// A package of a unikernel as configure resolved it: its name and, for a NuGet package, the
/// version range in NuGet's notation (<c>[1.0,2.0)</c>, <c>1.0</c> for at least 1.0, <c>*</c> for any).
/// </summary>
public sealed record AppPackage(string Name, string? VersionRange, AppPackageKind Kind)
{
    /// <summary><c>Name VersionRange</c>, or <c>Name (framework)</c>, <c>Name (runtime library)</c>.</summary>
    public override string ToString() => Kind switch
    {
        AppPackageKind.Framework => $"{Name} (framework)",
        AppPackageKind.RuntimeLibrary => $"{Name} (runtime library)",
        _ => $"{Name} {VersionRange ?? "*"}",
    };
}

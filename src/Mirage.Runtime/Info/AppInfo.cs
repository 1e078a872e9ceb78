using System.Text;

namespace Mirage.Runtime.Info;

/// <summary>
/// What a unikernel knows about itself, fixed when it was configured (the <c>app_info</c> device):
/// its name, its version (null when the config gives none), the target it was built for and the
/// packages its devices resolved to.
/// </summary>
public sealed class AppInfo(string name, string? version, string target, IReadOnlyList<AppPackage> packages)
{
    /// <summary>The unikernel's name, as given to <c>register</c>.</summary>
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The version the config gave the <c>app_info</c> device, if any.</summary>
    public string? Version { get; } = version;

    /// <summary>The target it was configured for (<c>unix</c>, <c>aot</c>).</summary>
    public string Target { get; } = target ?? throw new ArgumentNullException(nameof(target));

    /// <summary>The packages of its devices, merged and sorted by name, as configure resolved them.</summary>
    public IReadOnlyList<AppPackage> Packages { get; } = packages ?? throw new ArgumentNullException(nameof(packages));

    /// <summary>
    /// The information as text: a first line <c>name version (target)</c> (<c>n/a</c> for no
    /// version), then <c>packages:</c> and one <c>  - package</c> line each (or <c>packages: none</c>).
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Name).Append(' ').Append(Version ?? "n/a").Append(" (").Append(Target).Append(')');
        if (Packages.Count == 0)
        {
            return text.Append("\npackages: none").ToString();
        }
        text.Append("\npackages:");
        foreach (var package in Packages)
        {
            text.Append("\n  - ").Append(package);
        }
        return text.ToString();
    }
}

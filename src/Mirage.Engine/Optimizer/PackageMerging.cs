using System.Collections.Immutable;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (i): one <see cref="Package"/> per name (NuGet ids ignore case) from the devices that survive:
/// the intersection of their ranges (the highest minimum, the lowest maximum), build-only when all
/// say so, and every assembly any of them names. An empty intersection is a conflict between the two
/// devices that set the bounds.
/// </summary>
internal static class PackageMerging
{
    public static ImmutableArray<Package> Merge(ImmutableArray<Instance> instances, DiagnosticBag diagnostics)
    {
        var merged = new Dictionary<string, MergedPackage>(StringComparer.OrdinalIgnoreCase);
        var seenDevices = new HashSet<int>();
        foreach (var instance in instances)
        {
            var device = instance.Device;
            if (!seenDevices.Add(device.Id))
            {
                continue;
            }
            foreach (var package in device.Packages)
            {
                if (merged.TryGetValue(package.Name, out var known))
                {
                    known.Add(package, device);
                }
                else
                {
                    merged.Add(package.Name, new MergedPackage(package, device));
                }
            }
        }
        var result = new List<Package>(merged.Count);
        foreach (var package in merged.Values)
        {
            if (package.IsEmpty)
            {
                diagnostics.Add("package-conflict", package.Conflict(), package.ConflictDevice.Location);
            }
            result.Add(package.ToPackage());
        }
        result.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        return [.. result];
    }

    /// <summary>The bounds so far, and which device set each, to name them in a conflict.</summary>
    private sealed class MergedPackage
    {
        private readonly string _name;
        private readonly PackageKind _kind;
        private readonly Device _kindDevice;
        private PackageKind? _otherKind;
        private Device? _otherKindDevice;
        private readonly List<string> _assemblies = [];
        private readonly HashSet<string> _assemblySet = new(StringComparer.Ordinal);
        private string? _min;
        private string? _max;
        private Device? _maxDevice;
        private bool _buildOnly = true;

        public MergedPackage(Package package, Device device)
        {
            _name = package.Name;
            _kind = package.Kind;
            _kindDevice = device;
            Add(package, device);
        }

        public Device? MinDevice { get; private set; }

        public bool IsEmpty =>
            _otherKind is not null || (_min is not null && _max is not null && PackageVersion.Compare(_min, _max) >= 0);

        /// <summary>The device to point the conflict at.</summary>
        public Device ConflictDevice => _otherKindDevice ?? MinDevice!;

        public void Add(Package package, Device device)
        {
            if (package.Kind != _kind && _otherKind is null)
            {
                _otherKind = package.Kind;
                _otherKindDevice = device;
            }
            if (package.Min is not null && (_min is null || PackageVersion.Compare(package.Min, _min) > 0))
            {
                _min = package.Min;
                MinDevice = device;
            }
            if (package.Max is not null && (_max is null || PackageVersion.Compare(package.Max, _max) < 0))
            {
                _max = package.Max;
                _maxDevice = device;
            }
            _buildOnly &= package.BuildOnly;
            foreach (var assembly in package.Assemblies)
            {
                if (_assemblySet.Add(assembly))
                {
                    _assemblies.Add(assembly);
                }
            }
        }

        public string Conflict() =>
            _otherKind is { } other
                ? $"package conflict on {_name}: {DiagnosticBag.Describe(_kindDevice)} needs it as {Describe(_kind)}, "
                  + $"{DiagnosticBag.Describe(_otherKindDevice!)} as {Describe(other)}"
                : $"package conflict on {_name}: {DiagnosticBag.Describe(MinDevice!)} requires {_name} >= {_min}, "
            + $"{DiagnosticBag.Describe(_maxDevice!)} requires {_name} < {_max}";

        public Package ToPackage() => new(_name, _min, _max, _buildOnly, _assemblies.ToArray(), _kind);

        private static string Describe(PackageKind kind) => kind switch
        {
            PackageKind.Framework => "a shared framework",
            PackageKind.RuntimeLibrary => "a Mirage runtime library",
            _ => "a NuGet package",
        };
    }
}

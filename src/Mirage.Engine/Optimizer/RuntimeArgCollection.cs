using System.Collections.Immutable;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (j): the runtime arguments of the devices that survive, one per name, sorted by name. Devices
/// may share an argument if they declare it alike (<see cref="RuntimeArg.SameDeclaration"/>).
/// </summary>
internal static class RuntimeArgCollection
{
    public static ImmutableArray<RuntimeArg> Collect(ImmutableArray<Instance> instances, DiagnosticBag diagnostics)
    {
        var byName = new Dictionary<string, (RuntimeArg Arg, Device Device)>(StringComparer.Ordinal);
        var seenDevices = new HashSet<int>();
        foreach (var instance in instances)
        {
            var device = instance.Device;
            if (!seenDevices.Add(device.Id))
            {
                continue;
            }
            foreach (var arg in device.RuntimeArgs)
            {
                if (!byName.TryGetValue(arg.Name, out var known))
                {
                    byName.Add(arg.Name, (arg, device));
                }
                else if (!known.Arg.SameDeclaration(arg))
                {
                    diagnostics.Add(
                        "runtime-arg-conflict",
                        $"runtime argument --{arg.Name} is declared differently by {DiagnosticBag.Describe(known.Device)} "
                        + $"({known.Arg.CSharpType}: {known.Arg.SpecExpression}) and by {DiagnosticBag.Describe(device)} "
                        + $"({arg.CSharpType}: {arg.SpecExpression})",
                        arg.Location ?? device.Location);
                }
            }
        }
        var args = new RuntimeArg[byName.Count];
        var i = 0;
        foreach (var (arg, _) in byName.Values)
        {
            args[i++] = arg;
        }
        Array.Sort(args, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [.. args];
    }
}

using Mirage.Engine.Diagnostics;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Turns a <see cref="DeviceGraph"/> into a <see cref="ResolvedGraph"/>: keys collected and resolved,
/// choices made, application chains flattened into instances, unreachable nodes pruned, cycles
/// reported, equal instances shared, instances ordered for connecting, packages and runtime
/// arguments merged. Every pass is linear in the size of the graph and free of recursion.
/// </summary>
public static class Optimizer
{
    /// <exception cref="ConfigurationException">With every problem found, each as a <see cref="Diagnostic"/>.</exception>
    public static ResolvedGraph Optimize(
        DeviceGraph graph,
        string target,
        IReadOnlyDictionary<string, string> keyValues,
        IReadOnlyList<Key>? builtinKeys = null)
    {
        var diagnostics = new DiagnosticBag();
        NodeValidation.Check(graph, diagnostics);
        diagnostics.ThrowIfAny();

        var keys = KeyCollection.Collect(graph, builtinKeys, diagnostics);
        var resolvedKeys = KeyResolution.Resolve(keys, keyValues, target, diagnostics);
        // Choices made with a wrong key value would only add confusing errors.
        diagnostics.ThrowIfAny();

        var choices = new ChoiceEvaluation(graph, new KeyEnvironment(resolvedKeys), diagnostics);
        var reachable = Pruning.Reach(graph, choices);
        diagnostics.ThrowIfAny();

        var flat = Flattening.Flatten(graph, choices, reachable, diagnostics);
        diagnostics.ThrowIfAny();

        var topologicalOrder = CycleDetection.TopologicalOrder(flat, diagnostics);
        diagnostics.ThrowIfAny();

        var shared = Sharing.Share(flat, topologicalOrder!);
        var (instances, jobs, init) = Ordering.Order(shared);
        var packages = PackageMerging.Merge(instances, diagnostics);
        var runtimeArgs = RuntimeArgCollection.Collect(instances, diagnostics);
        diagnostics.ThrowIfAny();

        return new ResolvedGraph(
            graph.Name, target, instances, jobs, init, resolvedKeys, packages, runtimeArgs, graph.Location);
    }

    /// <summary>
    /// Every configure key the graph names (with <paramref name="builtinKeys"/>), sorted by name: what
    /// <c>configure --help</c> lists.
    /// </summary>
    /// <exception cref="ConfigurationException">When one key name is declared twice differently.</exception>
    public static IReadOnlyList<Key> CollectKeys(DeviceGraph graph, IReadOnlyList<Key>? builtinKeys = null)
    {
        var diagnostics = new DiagnosticBag();
        var keys = KeyCollection.Collect(graph, builtinKeys, diagnostics);
        diagnostics.ThrowIfAny();
        return keys;
    }
}

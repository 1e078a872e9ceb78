using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (h): connect order. Instances come in depth-first post-order from the roots — init devices
/// first, then jobs; arguments in order, then extra dependencies — so every dependency precedes its
/// dependents, and among unrelated instances the one reached first comes first. The order depends
/// only on the graph's shape, never on hashing or on node numbering.
/// </summary>
internal static class Ordering
{
    public static (ImmutableArray<Instance> Instances, ImmutableArray<int> Jobs, ImmutableArray<(InitRole Role, int Instance)> Init)
        Order(FlatGraph graph)
    {
        var (order, _) = DepthFirst.Search(graph);
        var idOf = new int[graph.Count];
        for (var id = 0; id < order.Length; id++)
        {
            idOf[order[id]] = id;
        }
        var instances = new Instance[order.Length];
        for (var id = 0; id < order.Length; id++)
        {
            var old = order[id];
            instances[id] = new Instance(
                id,
                graph.Devices[old],
                Remap(graph.Arguments[old], idOf),
                Remap(graph.ExtraDeps[old], idOf));
        }
        var init = new (InitRole, int)[graph.Init.Length];
        for (var i = 0; i < init.Length; i++)
        {
            init[i] = (graph.Init[i].Role, idOf[graph.Init[i].Instance]);
        }
        return (
            ImmutableCollectionsMarshal.AsImmutableArray(instances),
            Remap(graph.Jobs, idOf),
            ImmutableCollectionsMarshal.AsImmutableArray(init));
    }

    private static ImmutableArray<int> Remap(int[] instances, int[] idOf)
    {
        var remapped = new int[instances.Length];
        for (var i = 0; i < remapped.Length; i++)
        {
            remapped[i] = idOf[instances[i]];
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(remapped);
    }
}

using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (e): hash-consing. Two instances of one device (by <see cref="Device.Id"/>) with the same
/// argument instances and the same extra dependencies are one instance — so a functor applied twice to
/// one argument is connected once, as upstream does — while two constructions of look-alike devices
/// stay two. Instances are visited dependencies first, so their dependencies are already shared.
/// </summary>
internal static class Sharing
{
    public static FlatGraph Share(FlatGraph graph, int[] topologicalOrder)
    {
        var shared = new int[graph.Count];
        var byShape = new Dictionary<Shape, int>(topologicalOrder.Length, ShapeComparer.Instance);
        var devices = new List<Device>(topologicalOrder.Length);
        var arguments = new List<int[]>(topologicalOrder.Length);
        var extraDeps = new List<int[]>(topologicalOrder.Length);
        foreach (var instance in topologicalOrder)
        {
            var shape = new Shape(
                graph.Devices[instance].Id,
                Remap(graph.Arguments[instance], shared),
                Remap(graph.ExtraDeps[instance], shared));
            if (!byShape.TryGetValue(shape, out var index))
            {
                index = devices.Count;
                byShape.Add(shape, index);
                devices.Add(graph.Devices[instance]);
                arguments.Add(shape.Arguments);
                extraDeps.Add(shape.ExtraDeps);
            }
            shared[instance] = index;
        }
        var init = new (InitRole, int)[graph.Init.Length];
        for (var i = 0; i < init.Length; i++)
        {
            init[i] = (graph.Init[i].Role, shared[graph.Init[i].Instance]);
        }
        return new FlatGraph(
            devices.ToArray(), arguments.ToArray(), extraDeps.ToArray(), Remap(graph.Jobs, shared), init);
    }

    private static int[] Remap(int[] instances, int[] shared)
    {
        var remapped = new int[instances.Length];
        for (var i = 0; i < remapped.Length; i++)
        {
            remapped[i] = shared[instances[i]];
        }
        return remapped;
    }

    private readonly record struct Shape(int DeviceId, int[] Arguments, int[] ExtraDeps);

    private sealed class ShapeComparer : IEqualityComparer<Shape>
    {
        public static readonly ShapeComparer Instance = new();

        public bool Equals(Shape x, Shape y) =>
            x.DeviceId == y.DeviceId
            && x.Arguments.AsSpan().SequenceEqual(y.Arguments)
            && x.ExtraDeps.AsSpan().SequenceEqual(y.ExtraDeps);

        public int GetHashCode(Shape shape)
        {
            var hash = new HashCode();
            hash.Add(shape.DeviceId);
            foreach (var argument in shape.Arguments)
            {
                hash.Add(argument);
            }
            // Separates the two lists, so that moving an instance from one to the other changes the hash.
            hash.Add(-1);
            foreach (var extra in shape.ExtraDeps)
            {
                hash.Add(extra);
            }
            return hash.ToHashCode();
        }
    }
}

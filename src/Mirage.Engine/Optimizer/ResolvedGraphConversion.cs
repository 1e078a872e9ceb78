using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>Turns an optimizer result back into its input form, so the optimizer can run on its own output.</summary>
public static class ResolvedGraphConversion
{
    /// <summary>
    /// Each instance becomes a <see cref="DeviceNode"/> (with its extra dependencies) followed by one
    /// <see cref="AppNode"/> per argument; the last node of that run stands for the instance. Choices
    /// are gone, so keys read only by conditions are no longer named by the graph.
    /// </summary>
    public static DeviceGraph ToDeviceGraph(this ResolvedGraph graph)
    {
        var instances = graph.Instances;
        var valueNode = new int[instances.Length];
        var count = 0;
        for (var i = 0; i < instances.Length; i++)
        {
            count += 1 + instances[i].Arguments.Length;
            valueNode[i] = count - 1;
        }
        var nodes = new Node[count];
        var next = 0;
        foreach (var instance in instances)
        {
            var extraDeps = new int[instance.ExtraDeps.Length];
            for (var j = 0; j < extraDeps.Length; j++)
            {
                extraDeps[j] = valueNode[instance.ExtraDeps[j]];
            }
            nodes[next] = new DeviceNode(instance.Device, ImmutableCollectionsMarshal.AsImmutableArray(extraDeps));
            next++;
            foreach (var argument in instance.Arguments)
            {
                nodes[next] = new AppNode(next - 1, valueNode[argument]);
                next++;
            }
        }
        var jobs = new int[graph.Jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = valueNode[graph.Jobs[i]];
        }
        var init = new (InitRole, int)[graph.Init.Length];
        for (var i = 0; i < init.Length; i++)
        {
            init[i] = (graph.Init[i].Role, valueNode[graph.Init[i].Instance]);
        }
        return new DeviceGraph(
            graph.Name,
            ImmutableCollectionsMarshal.AsImmutableArray(nodes),
            ImmutableCollectionsMarshal.AsImmutableArray(jobs),
            ImmutableCollectionsMarshal.AsImmutableArray(init),
            graph.Location);
    }
}

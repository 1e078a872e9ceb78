using Mirage.Engine.Graph;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (f): the nodes the roots reach once choices are made — through a chosen branch, an
/// application's functor and argument, a device's extra dependencies — in first-reach order, init
/// devices before jobs. Nothing else is flattened, so nothing else survives: branches not taken and
/// devices nobody uses are dropped here.
/// </summary>
internal static class Pruning
{
    public static ReachableNodes Reach(DeviceGraph graph, ChoiceEvaluation choices)
    {
        var nodes = graph.Nodes;
        var reached = new bool[nodes.Length];
        var order = new List<int>();
        var pending = new Stack<int>();
        foreach (var (_, node) in graph.Init)
        {
            Visit(node);
        }
        foreach (var node in graph.Jobs)
        {
            Visit(node);
        }
        while (pending.TryPop(out var node))
        {
            switch (nodes[node])
            {
                case DeviceNode d:
                    foreach (var extra in d.ExtraDeps)
                    {
                        Visit(extra);
                    }
                    break;
                case AppNode a:
                    Visit(a.Functor);
                    Visit(a.Argument);
                    break;
            }
        }
        return new ReachableNodes(reached, order.ToArray());

        void Visit(int node)
        {
            var resolved = choices.Resolve(node);
            if (resolved != ChoiceEvaluation.Failed && !reached[resolved])
            {
                reached[resolved] = true;
                order.Add(resolved);
                pending.Push(resolved);
            }
        }
    }
}

/// <summary>The devices and applications the roots reach (never a choice), and the order they were reached in.</summary>
internal sealed record ReachableNodes(bool[] Reached, int[] Order);

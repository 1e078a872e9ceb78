using Mirage.Engine.Graph;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Checks that every edge and root of a graph names a node of it, and that every node is of a known
/// kind, so that the passes after it can index without checking. Only a hand-built graph can fail.
/// </summary>
internal static class NodeValidation
{
    public static void Check(DeviceGraph graph, DiagnosticBag diagnostics)
    {
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            switch (nodes[i])
            {
                case DeviceNode d:
                    foreach (var extra in d.ExtraDeps)
                    {
                        CheckEdge(i, extra);
                    }
                    break;
                case AppNode a:
                    CheckEdge(i, a.Functor);
                    CheckEdge(i, a.Argument);
                    break;
                case IfNode c:
                    CheckEdge(i, c.Then);
                    CheckEdge(i, c.Else);
                    break;
                case MatchNode m:
                    foreach (var (_, target) in m.Cases)
                    {
                        CheckEdge(i, target);
                    }
                    CheckEdge(i, m.Default);
                    break;
                default:
                    diagnostics.Add("bad-graph", $"node {i} is of an unknown kind: {nodes[i]?.GetType().Name ?? "null"}");
                    break;
            }
        }
        foreach (var job in graph.Jobs)
        {
            CheckRoot("job", job);
        }
        foreach (var (role, node) in graph.Init)
        {
            CheckRoot($"init device {role}", node);
        }

        void CheckEdge(int from, int to)
        {
            if ((uint)to >= (uint)nodes.Length)
            {
                diagnostics.Add("bad-graph", $"node {from} refers to node {to}, outside the graph ({nodes.Length} nodes)");
            }
        }

        void CheckRoot(string what, int node)
        {
            if ((uint)node >= (uint)nodes.Length)
            {
                diagnostics.Add("bad-graph", $"the {what} is node {node}, outside the graph ({nodes.Length} nodes)");
            }
        }
    }
}

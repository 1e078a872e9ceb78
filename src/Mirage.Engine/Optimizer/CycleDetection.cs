namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (g): a graph built from <c>Impl</c> terms cannot loop, but a hand-built one can. A cycle is
/// reported with the devices on it, in order (<c>cycle: A -> B -> A</c>); only the first one found,
/// since the others usually share its edges.
/// </summary>
internal static class CycleDetection
{
    /// <summary>A topological order of the instances (dependencies first), or null when there is a cycle.</summary>
    public static int[]? TopologicalOrder(FlatGraph graph, DiagnosticBag diagnostics)
    {
        var (postOrder, cycle) = DepthFirst.Search(graph);
        if (cycle is null)
        {
            return postOrder;
        }
        var names = new string[cycle.Length];
        for (var i = 0; i < cycle.Length; i++)
        {
            names[i] = graph.Devices[cycle[i]].ModuleName;
        }
        diagnostics.Add("cycle", $"cycle: {string.Join(" -> ", names)}", graph.Devices[cycle[0]].Location);
        return null;
    }
}

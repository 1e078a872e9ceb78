namespace Mirage.Engine.Optimization;

/// <summary>
/// Depth-first search of a <see cref="FlatGraph"/> from its roots (init devices, then jobs), following
/// each instance's arguments in order and then its extra dependencies, with an explicit stack.
/// </summary>
internal static class DepthFirst
{
    private const byte Unvisited = 0;
    private const byte OnStack = 1;
    private const byte Done = 2;

    /// <summary>
    /// The reachable instances in post-order — every dependency before its dependents — or, when the
    /// search meets an instance already on its stack, the first such cycle: its instances in edge
    /// order, the first repeated at the end.
    /// </summary>
    public static (int[] PostOrder, int[]? Cycle) Search(FlatGraph graph)
    {
        var state = new byte[graph.Count];
        var postOrder = new List<int>(graph.Count);
        var stack = new int[graph.Count];
        var cursor = new int[graph.Count];
        foreach (var root in graph.Roots())
        {
            if (state[root] != Unvisited)
            {
                continue;
            }
            var top = 0;
            stack[0] = root;
            cursor[0] = 0;
            state[root] = OnStack;
            while (top >= 0)
            {
                var node = stack[top];
                var arguments = graph.Arguments[node];
                var extraDeps = graph.ExtraDeps[node];
                var next = cursor[top]++;
                if (next >= arguments.Length + extraDeps.Length)
                {
                    state[node] = Done;
                    postOrder.Add(node);
                    top--;
                    continue;
                }
                var child = next < arguments.Length ? arguments[next] : extraDeps[next - arguments.Length];
                if (state[child] == Unvisited)
                {
                    state[child] = OnStack;
                    top++;
                    stack[top] = child;
                    cursor[top] = 0;
                }
                else if (state[child] == OnStack)
                {
                    var start = Array.LastIndexOf(stack, child, top);
                    var cycle = new int[top - start + 2];
                    Array.Copy(stack, start, cycle, 0, top - start + 1);
                    cycle[^1] = child;
                    return (postOrder.ToArray(), cycle);
                }
            }
        }
        return (postOrder.ToArray(), null);
    }
}

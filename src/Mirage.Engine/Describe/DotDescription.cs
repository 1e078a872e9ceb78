using System.Text;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Describe;

/// <summary>
/// <c>mirage describe --dot</c>: the device graph in Graphviz. Functor arguments are solid edges
/// labelled with their position, extra dependencies dashed, jobs hang off the register node.
/// </summary>
public static class DotDescription
{
    /// <summary>The graph once evaluated (<c>--eval</c>): the devices the keys chose.</summary>
    public static string Render(ResolvedGraph graph)
    {
        var dot = Header(graph.Name);
        foreach (var i in graph.Instances)
        {
            dot.Append($"  d{i.Id} [label=\"{Escape(i.Device.ModuleName)}\\n{Escape(i.Device.Type.ToString())}\"];\n");
        }
        foreach (var i in graph.Instances)
        {
            for (var a = 0; a < i.Arguments.Length; a++)
            {
                dot.Append($"  d{i.Id} -> d{i.Arguments[a]} [label=\"{a + 1}\"];\n");
            }
            foreach (var d in i.ExtraDeps)
            {
                dot.Append($"  d{i.Id} -> d{d} [style=dashed];\n");
            }
        }
        return Roots(dot, "d", graph.Init, graph.Jobs);
    }

    /// <summary>
    /// The graph before evaluation (<c>--no-eval</c>): every choice (<c>if_impl</c>,
    /// <c>match_impl</c>) is a diamond naming the keys it reads, with an edge to each branch labelled
    /// by the value that picks it; an application is an ellipse with its functor (bold) and argument.
    /// </summary>
    public static string RenderUnevaluated(DeviceGraph graph)
    {
        var dot = Header(graph.Name);
        string Keys(KeyValue value) => string.Join(", ", value.Keys.Select(k => k.Name));
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            switch (graph.Nodes[n])
            {
                case DeviceNode d:
                    dot.Append($"  n{n} [label=\"{Escape(d.Device.ModuleName)}\\n{Escape(d.Device.Type.ToString())}\"];\n");
                    foreach (var extra in d.ExtraDeps)
                    {
                        dot.Append($"  n{n} -> n{extra} [style=dashed];\n");
                    }
                    break;
                case AppNode a:
                    dot.Append($"  n{n} [label=\"$\", shape=ellipse];\n");
                    dot.Append($"  n{n} -> n{a.Functor} [style=bold];\n  n{n} -> n{a.Argument};\n");
                    break;
                case IfNode i:
                    dot.Append($"  n{n} [label={Quote($"if {Keys(i.Condition)}")}, shape=diamond];\n");
                    dot.Append($"  n{n} -> n{i.Then} [label=\"true\"];\n  n{n} -> n{i.Else} [label=\"false\"];\n");
                    break;
                case MatchNode m:
                    dot.Append($"  n{n} [label={Quote($"match {Keys(m.Value)}")}, shape=diamond];\n");
                    foreach (var (value, node) in m.Cases)
                    {
                        dot.Append($"  n{n} -> n{node} [label={Quote(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")}];\n");
                    }
                    dot.Append($"  n{n} -> n{m.Default} [label=\"_\"];\n");
                    break;
            }
        }
        return Roots(dot, "n", graph.Init, graph.Jobs);
    }

    private static StringBuilder Header(string name) =>
        new StringBuilder()
            .Append($"digraph {Quote(name)} {{\n")
            .Append("  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n")
            .Append($"  register [label={Quote($"register {name}")}, shape=ellipse];\n");

    // The register node's edges to the init devices and jobs, and the end of the graph.
    private static string Roots(StringBuilder dot, string prefix, IEnumerable<(InitRole Role, int Node)> init, IEnumerable<int> jobs)
    {
        foreach (var (role, node) in init)
        {
            dot.Append($"  register -> {prefix}{node} [style=dotted, label={Quote(role.ToString().ToLowerInvariant())}];\n");
        }
        foreach (var job in jobs)
        {
            dot.Append($"  register -> {prefix}{job} [style=bold];\n");
        }
        return dot.Append("}\n").ToString();
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}

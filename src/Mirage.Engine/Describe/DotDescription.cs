using System.Text;
using Mirage.Engine.Graph;

namespace Mirage.Engine.Describe;

/// <summary>
/// <c>mirage describe --dot</c>: the resolved device graph in Graphviz. Functor arguments are solid
/// edges labelled with their position, extra dependencies dashed, jobs hang off the register node.
/// </summary>
public static class DotDescription
{
    public static string Render(ResolvedGraph graph)
    {
        var dot = new StringBuilder();
        dot.Append($"digraph {Quote(graph.Name)} {{\n");
        dot.Append("  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        dot.Append($"  register [label={Quote($"register {graph.Name}")}, shape=ellipse];\n");
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
        foreach (var (role, instance) in graph.Init)
        {
            dot.Append($"  register -> d{instance} [style=dotted, label={Quote(role.ToString().ToLowerInvariant())}];\n");
        }
        foreach (var job in graph.Jobs)
        {
            dot.Append($"  register -> d{job} [style=bold];\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}

using System.Text;
using Mirage.Engine.Graph;

namespace Mirage.Engine.Describe;

/// <summary><c>mirage describe</c>: the unikernel's name, keys (marking defaults) and, verbosely, packages and devices.</summary>
public static class TextDescription
{
    public static string Render(ResolvedGraph graph, bool verbose)
    {
        var text = new StringBuilder();
        void Row(string label, IEnumerable<string> values)
        {
            var items = values.ToList();
            text.Append(label.PadRight(11)).Append(items.Count == 0 ? "" : items[0]).Append('\n');
            foreach (var item in items.Skip(1))
            {
                text.Append(' ', 11).Append(item).Append('\n');
            }
        }

        Row("Name", [graph.Name]);
        Row("Target", [graph.Target]);
        Row("Keys", graph.Keys.Select(k => k.ToString()));
        Row("Runtime", graph.RuntimeArgs.Select(a => $"--{a.Name} ({a.CSharpType}{(a.Required ? ", required" : "")})"));
        if (verbose)
        {
            Row("Packages", graph.Packages.Select(p => p.ToString()));
            Row("Devices", graph.Instances.Select(i =>
            {
                var deps = i.Dependencies.Select(d => "#" + d).ToList();
                return $"#{i.Id} {i.Device.ModuleName} : {i.Device.Type}" + (deps.Count > 0 ? $" <- {string.Join(", ", deps)}" : "");
            }));
        }
        return text.ToString();
    }
}

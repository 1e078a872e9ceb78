using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (d): every reachable node used as a value — a root, a functor argument, an extra dependency —
/// becomes one instance: the device at the head of its application chain, applied to the chain's
/// arguments in order. A functor applied to fewer arguments than its type needs cannot be a value.
/// </summary>
internal static class Flattening
{
    public static FlatGraph Flatten(DeviceGraph graph, ChoiceEvaluation choices, ReachableNodes reachable, DiagnosticBag diagnostics)
    {
        var nodes = graph.Nodes;
        var instanceOf = MarkValues(graph, choices, reachable);
        var count = 0;
        foreach (var node in reachable.Order)
        {
            if (instanceOf[node] == IsValue)
            {
                instanceOf[node] = count++;
            }
        }

        var devices = new Device[count];
        var arguments = new int[count][];
        var extraDeps = new int[count][];
        var reported = new HashSet<(int DeviceId, int Arguments)>();
        var spine = new List<int>();
        // Marks the nodes of the chain being walked, to stop on a hand-built chain that loops.
        var walkOf = new int[nodes.Length];
        var walk = 0;
        var reportedLoop = false;
        foreach (var node in reachable.Order)
        {
            var instance = instanceOf[node];
            if (instance < 0)
            {
                continue;
            }
            walk++;
            spine.Clear();
            var head = node;
            while (nodes[head] is AppNode app)
            {
                walkOf[head] = walk;
                spine.Add(instanceOf[choices.Resolve(app.Argument)]);
                head = choices.Resolve(app.Functor);
                if (walkOf[head] == walk)
                {
                    if (!reportedLoop)
                    {
                        diagnostics.Add("cycle", "cycle: an application is, through its functors, applied to itself");
                        reportedLoop = true;
                    }
                    break;
                }
            }
            if (nodes[head] is not DeviceNode device)
            {
                continue;
            }
            spine.Reverse();
            CheckArity(device.Device, spine.Count, reported, diagnostics);
            devices[instance] = device.Device;
            arguments[instance] = spine.ToArray();
            var extras = new int[device.ExtraDeps.Length];
            for (var i = 0; i < extras.Length; i++)
            {
                extras[i] = instanceOf[choices.Resolve(device.ExtraDeps[i])];
            }
            extraDeps[instance] = extras;
        }

        var jobs = new int[graph.Jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = instanceOf[choices.Resolve(graph.Jobs[i])];
        }
        var init = new (InitRole, int)[graph.Init.Length];
        for (var i = 0; i < init.Length; i++)
        {
            init[i] = (graph.Init[i].Role, instanceOf[choices.Resolve(graph.Init[i].Node)]);
        }
        return new FlatGraph(devices, arguments, extraDeps, jobs, init);
    }

    private const int NotValue = -1;
    private const int IsValue = -2;

    /// <summary>Per node: <see cref="IsValue"/> when some reachable node (or a root) uses it as a value, else <see cref="NotValue"/>.</summary>
    private static int[] MarkValues(DeviceGraph graph, ChoiceEvaluation choices, ReachableNodes reachable)
    {
        var marks = new int[graph.Nodes.Length];
        Array.Fill(marks, NotValue);
        foreach (var node in graph.Jobs)
        {
            marks[choices.Resolve(node)] = IsValue;
        }
        foreach (var (_, node) in graph.Init)
        {
            marks[choices.Resolve(node)] = IsValue;
        }
        foreach (var node in reachable.Order)
        {
            switch (graph.Nodes[node])
            {
                case DeviceNode d:
                    foreach (var extra in d.ExtraDeps)
                    {
                        marks[choices.Resolve(extra)] = IsValue;
                    }
                    break;
                case AppNode a:
                    marks[choices.Resolve(a.Argument)] = IsValue;
                    break;
            }
        }
        return marks;
    }

    private static void CheckArity(Device device, int applied, HashSet<(int, int)> reported, DiagnosticBag diagnostics)
    {
        var needed = device.Type.Uncurry().Arguments.Count;
        if (applied == needed || !reported.Add((device.Id, applied)))
        {
            return;
        }
        if (applied < needed)
        {
            diagnostics.Add(
                "partial-application",
                $"{device.ModuleName} of type {device.Type} is applied to {Arguments(applied)} but needs {needed}: "
                + "only a fully applied device can be a job, an argument or an extra dependency",
                device.Location);
        }
        else
        {
            diagnostics.Add(
                "bad-application",
                $"{device.ModuleName} of type {device.Type} is applied to {Arguments(applied)} but takes {needed}",
                device.Location);
        }
    }

    private static string Arguments(int count) => count == 1 ? "1 argument" : $"{count} arguments";
}

using System.Diagnostics;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// Pass (c): replaces each choice by the branch its keys select — an <see cref="IfNode"/> by Then or
/// Else, a <see cref="MatchNode"/> by its first case whose value equals the key value, else Default.
/// Choices are evaluated on demand, so only the ones the roots reach are (a condition in a branch not
/// taken never runs), and each at most once; a chain of choices is followed without recursion.
/// </summary>
internal sealed class ChoiceEvaluation(DeviceGraph graph, IKeyEnvironment keys, DiagnosticBag diagnostics)
{
    /// <summary>What <see cref="Resolve"/> returns when the choice could not be made (already reported).</summary>
    public const int Failed = -1;

    private const int Unknown = -2;
    private const int InProgress = -3;

    private readonly int[] _chosen = NewChosen(graph.Nodes.Length);
    private readonly List<int> _path = [];

    /// <summary>The node standing for <paramref name="node"/> once every choice on the way is made: a device or an application.</summary>
    public int Resolve(int node)
    {
        var nodes = graph.Nodes;
        var current = node;
        int result;
        while (true)
        {
            if (nodes[current] is not (IfNode or MatchNode))
            {
                result = current;
                break;
            }
            var known = _chosen[current];
            if (known >= 0 || known == Failed)
            {
                result = known;
                break;
            }
            if (known == InProgress)
            {
                ReportCycle(current);
                result = Failed;
                break;
            }
            _chosen[current] = InProgress;
            _path.Add(current);
            var next = Choose(nodes[current]);
            if (next == Failed)
            {
                result = Failed;
                break;
            }
            current = next;
        }
        foreach (var choice in _path)
        {
            _chosen[choice] = result;
        }
        _path.Clear();
        return result;
    }

    private int Choose(Node choice)
    {
        try
        {
            switch (choice)
            {
                case IfNode c:
                    var condition = c.Condition.Evaluate(keys);
                    if (condition is bool b)
                    {
                        return b ? c.Then : c.Else;
                    }
                    diagnostics.Add("bad-condition", $"the condition of {Describe(choice)} is {condition}, not a boolean");
                    return Failed;
                case MatchNode m:
                    var value = m.Value.Evaluate(keys);
                    foreach (var (caseValue, target) in m.Cases)
                    {
                        if (Equals(caseValue, value))
                        {
                            return target;
                        }
                    }
                    return m.Default;
                default:
                    throw new UnreachableException($"not a choice: {choice}");
            }
        }
        catch (Exception e) when (e is not UnreachableException)
        {
            diagnostics.Add("bad-condition", $"evaluating {Describe(choice)} failed: {e.Message}");
            return Failed;
        }
    }

    private void ReportCycle(int repeated)
    {
        var start = _path.IndexOf(repeated);
        var names = new List<string>();
        for (var i = start; i < _path.Count; i++)
        {
            names.Add(Describe(graph.Nodes[_path[i]]));
        }
        names.Add(Describe(graph.Nodes[repeated]));
        diagnostics.Add("cycle", $"cycle: {string.Join(" -> ", names)}");
    }

    private static string Describe(Node choice) => choice switch
    {
        IfNode c => $"if_impl on {KeyNames(c.Condition)}",
        MatchNode m => $"match_impl on {KeyNames(m.Value)}",
        _ => choice.ToString(),
    };

    private static string KeyNames(KeyValue value) =>
        value.Keys.Count == 0 ? "a constant" : string.Join(", ", value.Keys.Select(k => "--" + k.Name));

    private static int[] NewChosen(int count)
    {
        var chosen = new int[count];
        Array.Fill(chosen, Unknown);
        return chosen;
    }
}

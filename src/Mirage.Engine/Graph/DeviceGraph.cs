using System.Collections.Immutable;
using Mirage.Engine.Model;

namespace Mirage.Engine.Graph;

/// <summary>
/// The graph IR before optimization: every node of a registration, flattened into an array, with
/// the jobs and init devices as roots. It may contain choices, applications, unreachable nodes,
/// duplicates and (if built by hand) cycles; the optimizer removes or reports all of those.
/// </summary>
public sealed record DeviceGraph(
    string Name,
    ImmutableArray<Node> Nodes,
    ImmutableArray<int> Jobs,
    ImmutableArray<(InitRole Role, int Node)> Init,
    SourceLocation? Location = null);

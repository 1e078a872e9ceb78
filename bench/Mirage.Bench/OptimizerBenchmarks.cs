using BenchmarkDotNet.Attributes;
using Mirage.Engine.Graph;
using Mirage.Engine.Model;
using Mirage.Engine.Optimization;

namespace Mirage.Bench;

/// <summary>
/// GraphBuilder and Optimizer on layered graphs of 1k, 10k and 100k nodes:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*Optimizer*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private static readonly IReadOnlyDictionary<string, string> s_keyValues =
        new Dictionary<string, string> { ["fast"] = "true", ["debug"] = "true" };

    private Registration _registration = null!;
    private DeviceGraph _graph = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registration = LayeredGraph.Create(Nodes);
        _graph = GraphBuilder.Build(_registration);
    }

    [Benchmark]
    public DeviceGraph Build() => GraphBuilder.Build(_registration);

    [Benchmark]
    public ResolvedGraph Optimize() => Optimizer.Optimize(_graph, "unix", s_keyValues);

    [Benchmark]
    public ResolvedGraph BuildAndOptimize() => Optimizer.Optimize(GraphBuilder.Build(_registration), "unix", s_keyValues);
}

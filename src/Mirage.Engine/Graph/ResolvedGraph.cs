using System.Collections.Immutable;
using Mirage.Engine.Model;

namespace Mirage.Engine.Graph;

/// <summary>
/// A fully applied device: the device, the instances given as its functor arguments (in order),
/// and the instances it needs as extra dependencies. <see cref="Id"/> is its index in
/// <see cref="ResolvedGraph.Instances"/>.
/// </summary>
public sealed record Instance(int Id, Device Device, ImmutableArray<int> Arguments, ImmutableArray<int> ExtraDeps)
{
    public IEnumerable<int> Dependencies => Arguments.Concat(ExtraDeps);
}

/// <summary>A configure key with the value configure settled on, and whether it was the default.</summary>
public sealed record ResolvedKey(Key Key, object Value, bool IsDefault)
{
    public string ValueText => Key.Print(Value);

    /// <summary><c>name=value</c>, marked <c>(default)</c> when no value was given: as describe and query show it.</summary>
    public override string ToString() => $"{Key.Name}={ValueText}{(IsDefault ? " (default)" : "")}";
}

/// <summary>
/// The optimizer's output: choices made, applications flattened, devices shared, unreachable ones
/// dropped, and instances in connect order (every dependency before its dependents).
/// </summary>
public sealed record ResolvedGraph(
    string Name,
    string Target,
    ImmutableArray<Instance> Instances,
    ImmutableArray<int> Jobs,
    ImmutableArray<(InitRole Role, int Instance)> Init,
    ImmutableArray<ResolvedKey> Keys,
    ImmutableArray<Package> Packages,
    ImmutableArray<RuntimeArg> RuntimeArgs,
    SourceLocation? Location = null);

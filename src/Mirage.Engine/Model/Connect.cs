namespace Mirage.Engine.Model;

/// <summary>What configure knows while it writes the code: upstream's <c>Info.t</c>.</summary>
public sealed record ConfigureInfo(
    string Name,
    string Target,
    IKeyEnvironment Keys,
    IReadOnlyList<Package> Packages);

/// <summary>
/// What a device's connect code gets: the C# variables holding its functor arguments (in order) and
/// extra dependencies, and a C# expression for each of its runtime arguments, by name.
/// </summary>
public sealed record ConnectContext(
    string ModuleName,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> ExtraDependencies,
    IReadOnlyDictionary<string, string> RuntimeArguments,
    ConfigureInfo Info);

/// <summary>
/// Emits the C# expression that connects a device (it may use <c>await</c> and the variable
/// <c>cancellationToken</c>). Upstream's <c>~connect</c>.
/// </summary>
public delegate string ConnectEmitter(ConnectContext context);

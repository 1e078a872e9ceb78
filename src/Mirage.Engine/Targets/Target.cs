namespace Mirage.Engine.Targets;

/// <summary>
/// A platform the unikernel is built for. Each target decides the MSBuild properties of the
/// generated project and how <c>mirage build</c> publishes it.
/// </summary>
public sealed record Target(string Name, string Description, IReadOnlyDictionary<string, string> ProjectProperties)
{
    public override string ToString() => Name;
}

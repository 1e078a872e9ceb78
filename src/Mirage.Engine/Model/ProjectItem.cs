namespace Mirage.Engine.Model;

/// <summary>
/// An MSBuild item a device adds to the generated project, such as the directory a <c>crunch</c>
/// store embeds: <c>new ProjectItem("EmbeddedResource", "htdocs/**", [new("LogicalName", "...")])</c>.
/// <see cref="Include"/> is relative to the config's folder (globs allowed); MSBuild evaluates it when
/// the unikernel is built, so the item sees the files as they are then.
/// </summary>
public sealed record ProjectItem(
    string ItemType,
    string Include,
    IReadOnlyList<KeyValuePair<string, string>>? Metadata = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = Metadata ?? [];

    public bool Equals(ProjectItem? other) =>
        other is not null && ItemType == other.ItemType && Include == other.Include && Metadata.SequenceEqual(other.Metadata);

    public override int GetHashCode() => HashCode.Combine(ItemType, Include, Metadata.Count);
}

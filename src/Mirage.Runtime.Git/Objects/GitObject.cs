namespace Mirage.Runtime.Git.Objects;

/// <summary>An object's kind and contents (without the "kind size\0" header).</summary>
public sealed record GitObject(ObjectKind Kind, ReadOnlyMemory<byte> Data)
{
    /// <summary>Its name, computed from kind and contents.</summary>
    public ObjectId Id { get; } = ObjectId.Of(Kind, Data.Span);
}

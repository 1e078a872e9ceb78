using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Packs;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>The protocol a client asks for; a server that does not speak v2 answers in v0 and the client follows.</summary>
public enum ProtocolVersion
{
    /// <summary>The original protocol (v0; v1 differs only by a version line, which is skipped).</summary>
    V0 = 0,

    /// <summary>Protocol v2: capabilities first, then ls-refs and fetch commands.</summary>
    V2 = 2,
}

/// <summary>What to fetch: which advertised references, how deep, what we have already.</summary>
public sealed record FetchRequest
{
    /// <summary>The advertised references to fetch (default: every branch and HEAD).</summary>
    public Func<GitRef, bool> Wants { get; init; } = r => r.Name == "HEAD" || r.Name.StartsWith("refs/heads/", StringComparison.Ordinal);

    /// <summary>Commits of history to fetch from each wanted one (null: all of it; 1: a shallow clone).</summary>
    public int? Depth { get; init; }

    /// <summary>Commits we hold already (the server leaves their objects out of the pack).</summary>
    public IReadOnlyCollection<ObjectId> Haves { get; init; } = [];

    /// <summary>Objects we hold already, for the bases of a thin pack's deltas.</summary>
    public Func<ObjectId, GitObject?>? Known { get; init; }

    /// <summary>The protocol to ask for.</summary>
    public ProtocolVersion Version { get; init; } = ProtocolVersion.V2;

    /// <summary>Bounds on the pack the server sends.</summary>
    public PackLimits Limits { get; init; } = PackLimits.Default;
}

/// <summary>What a fetch brought: the references advertised, the objects of the pack, the shallow boundary.</summary>
public sealed record FetchResult(
    IReadOnlyList<GitRef> Refs, IReadOnlyList<PackedObject> Objects, IReadOnlyList<ObjectId> Shallow, ProtocolVersion Version);

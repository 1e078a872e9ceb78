namespace Mirage.Runtime.Git.Packs;

/// <summary>
/// Bounds on what a pack from a peer may make us hold: a pack over them is refused with a
/// <see cref="GitFormatException"/> before the memory is spent.
/// </summary>
public sealed record PackLimits
{
    /// <summary>The pack itself, in bytes (default 1 GiB).</summary>
    public long MaxPackBytes { get; init; } = 1L << 30;

    /// <summary>One object, inflated or rebuilt from deltas (default 256 MiB).</summary>
    public long MaxObjectBytes { get; init; } = 256L << 20;

    /// <summary>Every object together, inflated and rebuilt (default 2 GiB).</summary>
    public long MaxTotalBytes { get; init; } = 2L << 30;

    /// <summary>Deltas on top of one base (default 4095, git's own maximum).</summary>
    public int MaxDeltaDepth { get; init; } = 4095;

    /// <summary>The defaults.</summary>
    public static PackLimits Default { get; } = new();
}

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// What the in-memory switch does to each delivered frame, each a probability from 0 to 1 drawn from the
/// switch's seeded generator, so a run is reproducible (mirage-tcpip's vnetif with its loss and trailing
/// bytes, and more).
/// </summary>
public sealed record FaultProfile
{
    /// <summary>No fault: every frame delivered once, in order, intact.</summary>
    public static readonly FaultProfile None = new();

    /// <summary>A frame is lost.</summary>
    public double Loss { get; init; }

    /// <summary>A frame is delivered twice.</summary>
    public double Duplication { get; init; }

    /// <summary>A frame is held back by <see cref="ReorderDelay"/>, so later frames overtake it.</summary>
    public double Reordering { get; init; }

    /// <summary>How long a reordered frame is held back.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Every frame's delay on the wire.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A random extra delay, up to this, per frame.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>One random bit of the frame is flipped.</summary>
    public double Corruption { get; init; }

    /// <summary>The frame is cut to a random shorter length.</summary>
    public double Truncation { get; init; }

    /// <summary>1 to 16 random bytes are appended.</summary>
    public double TrailingBytes { get; init; }
}

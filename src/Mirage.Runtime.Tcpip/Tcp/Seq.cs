namespace Mirage.Runtime.Tcpip.Tcp;

/// <summary>Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): comparisons hold within half the space.</summary>
public static class Seq
{
    /// <summary>a &lt; b.</summary>
    public static bool Lt(uint a, uint b) => (int)(a - b) < 0;

    /// <summary>a ≤ b.</summary>
    public static bool Le(uint a, uint b) => (int)(a - b) <= 0;

    /// <summary>a &gt; b.</summary>
    public static bool Gt(uint a, uint b) => (int)(a - b) > 0;

    /// <summary>a ≥ b.</summary>
    public static bool Ge(uint a, uint b) => (int)(a - b) >= 0;

    /// <summary>The larger of two sequence numbers.</summary>
    public static uint Max(uint a, uint b) => Gt(a, b) ? a : b;

    /// <summary>The smaller of two sequence numbers.</summary>
    public static uint Min(uint a, uint b) => Lt(a, b) ? a : b;

    /// <summary>start ≤ x &lt; start + length.</summary>
    public static bool InWindow(uint x, uint start, uint length) => x - start < length;
}

namespace Mirage.Runtime.Entropy;

/// <summary>A source of random bytes: the <c>random</c> module type.</summary>
public interface IRandom
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void Fill(Span<byte> buffer);
}

using System.Security.Cryptography;

namespace Mirage.Runtime.Entropy;

/// <summary>The operating system's cryptographically secure generator (<see cref="RandomNumberGenerator"/>).</summary>
public sealed class DefaultRandom : IRandom
{
    private static readonly DefaultRandom Instance = new();

    private DefaultRandom()
    {
    }

    /// <summary>The default entropy device; it holds no state, so every connection shares one.</summary>
    public static IRandom Connect() => Instance;

    /// <inheritdoc />
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}

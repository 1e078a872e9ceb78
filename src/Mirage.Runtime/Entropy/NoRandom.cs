namespace Mirage.Runtime.Entropy;

/// <summary>No random device (upstream's <c>no_random</c>): drawing from it fails with a <see cref="DisabledDeviceException"/>.</summary>
public sealed class NoRandom : IRandom
{
    private NoRandom()
    {
    }

    /// <summary>The one disabled random device.</summary>
    public static IRandom Connect() => Instance;

    private static readonly NoRandom Instance = new();

    /// <inheritdoc />
    public void Fill(Span<byte> buffer) => throw new DisabledDeviceException("random", "no_random", "default_random");
}

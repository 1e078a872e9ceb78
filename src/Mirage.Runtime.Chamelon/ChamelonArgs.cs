using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Chamelon;

/// <summary>The runtime argument of the <c>chamelon</c> device besides its program block size.</summary>
public static class ChamelonArgs
{
    /// <summary>
    /// <c>--chamelon-format</c>: format the block device as an empty store before connecting
    /// (upstream formats with its separate <c>chamelon format</c> tool). Erases what was there.
    /// </summary>
    public static ArgSpec<bool> Format() =>
        Arg.Flag("chamelon-format", "Format the chamelon store's block device (erasing it) before connecting.");
}

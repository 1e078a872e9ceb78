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

    /// <summary>
    /// Why <paramref name="programBlockSize"/> cannot be a program block size whatever the device, or null: the
    /// check of its runtime argument when the program starts (exit 64). Whether it divides the device's sector
    /// size is known only at connect.
    /// </summary>
    public static string? CheckProgramBlockSize(int programBlockSize) =>
        programBlockSize < ChamelonKv.MinProgramBlockSize
            ? $"expected a program block size of at least {ChamelonKv.MinProgramBlockSize} bytes (a divisor of the sector size)"
            : null;
}

namespace Mirage.Runtime.Block;

/// <summary>The expected failures of a block device (upstream's <c>Mirage_block.error</c> and <c>write_error</c>).</summary>
public enum BlockErrorKind
{
    /// <summary>The sectors asked for are not all on the device.</summary>
    OutOfRange,

    /// <summary>A write to a read-only device; nothing was written.</summary>
    ReadOnly,

    /// <summary>The device was disconnected.</summary>
    Disconnected,

    /// <summary>The storage under the device failed (an I/O error).</summary>
    Storage,
}

/// <summary>An expected failure of a block read or write, with a message that says what happened.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">What a user reads: <c>sectors 100..111 are beyond the end of the device (100 sectors)</c>.</param>
public sealed record BlockError(BlockErrorKind Kind, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}

namespace Mirage.Runtime.KeyValue;

/// <summary>The buffer of a <c>get_partial</c> on a store that reads values in place from a device.</summary>
public static class PartialRead
{
    /// <summary>
    /// A buffer for <paramref name="length"/> bytes from <paramref name="offset"/> of a value of <paramref name="size"/>
    /// bytes (fewer past its end, none from beyond it), or a storage error when one array cannot hold them.
    /// </summary>
    public static KvResult<byte[]> Buffer(Key key, long size, long offset, int length)
    {
        var count = offset >= size ? 0 : Math.Min(size - offset, length);
        return count > Array.MaxLength
            ? KvError.Storage(key, $"the value is {size} bytes, more than one read can return: read it in parts")
            : new byte[count];
    }
}

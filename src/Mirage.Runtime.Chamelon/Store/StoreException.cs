namespace Mirage.Runtime.Chamelon.Store;

/// <summary>The block device failed under the store (its <see cref="Block.BlockError"/> message).</summary>
internal sealed class StorageFailedException(string message) : Exception(message);

/// <summary>No free block is left for a write.</summary>
internal sealed class NoSpaceException() : Exception("no free block is left on the device");

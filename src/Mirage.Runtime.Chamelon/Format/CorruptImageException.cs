namespace Mirage.Runtime.Chamelon.Format;

/// <summary>The image is not a consistent littlefs image: the message says where and what.</summary>
public sealed class CorruptImageException(string message) : Exception(message);

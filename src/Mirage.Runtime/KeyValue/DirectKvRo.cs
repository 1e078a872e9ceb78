namespace Mirage.Runtime.KeyValue;

/// <summary>A directory read as a key/value store when the unikernel runs (upstream's <c>direct_kv_ro</c>).</summary>
public sealed class DirectKvRo : DirectKv
{
    private DirectKvRo(string root)
        : base(root, "direct_kv_ro") { }

    /// <summary>Reads the directory <paramref name="directory"/>, relative to the working directory (the connect code of <c>direct_kv_ro</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">It is not a directory.</exception>
    public static DirectKvRo Connect(string directory) => new(directory);
}

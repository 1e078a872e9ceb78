namespace Mirage.Runtime.Fat;

/// <summary>A file or directory named in a FAT directory.</summary>
/// <param name="Name">Its long name when a valid one precedes it, else its 8.3 name.</param>
/// <param name="IsDirectory">Whether it is a directory.</param>
/// <param name="FirstCluster">Its first cluster (0 for an empty file).</param>
/// <param name="Size">Its size in bytes (0 for a directory).</param>
/// <param name="Modified">When it was last written, as its entry says (FAT keeps no time zone: read as UTC).</param>
public sealed record FatDirectoryEntry(string Name, bool IsDirectory, uint FirstCluster, long Size, DateTimeOffset Modified);

namespace Mirage.Runtime.Fat;

/// <summary>A value of a FAT store: its clusters (as many as its size needs), size and write time.</summary>
internal sealed record FatFile(uint[] Clusters, long Size, DateTimeOffset Modified);

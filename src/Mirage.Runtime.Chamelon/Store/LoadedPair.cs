using Mirage.Runtime.Chamelon.Format;

namespace Mirage.Runtime.Chamelon.Store;

/// <summary>A metadata pair as fetched: which block is current, its image and what it says.</summary>
/// <param name="Pair">The pair's two blocks, as the pointer to it names them.</param>
/// <param name="Active">The current block (the newer valid one).</param>
/// <param name="Other">The block the next compaction writes.</param>
/// <param name="Image">The current block's bytes.</param>
/// <param name="Block">What the current block says.</param>
/// <param name="OtherImage">The other block's bytes.</param>
internal sealed record LoadedPair(Pair Pair, uint Active, uint Other, byte[] Image, MetadataBlock Block, byte[] OtherImage)
{
    /// <summary>The entries and tail.</summary>
    public MetadataState State => Block.State;
}

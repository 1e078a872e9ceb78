namespace Mirage.Runtime.Chamelon.Store;

/// <summary>
/// littlefs's block allocator: a cursor that moves forward round the device, handing out blocks
/// the last scan of the file system found free, so writes spread over every block instead of
/// reusing the same few (littlefs's wear-aware lookahead, with the whole device as the window).
/// When the cursor has gone round, the file system is scanned again, which frees the blocks that
/// committed operations stopped using. Blocks handed out during the current operation stay taken
/// until it ends, even across a scan (they are not yet reachable).
/// </summary>
internal sealed class Allocator(uint count, uint seed, Func<CancellationToken, ValueTask<bool[]>> scan)
{
    private readonly HashSet<uint> _inFlight = [];
    private bool[]? _used;
    private uint _cursor = seed % count;
    private uint _sinceScan;

    /// <summary>A free block, taken.</summary>
    /// <exception cref="NoSpaceException">Every block is in use.</exception>
    public async ValueTask<uint> AllocateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (_used is null || _sinceScan >= count)
            {
                _used = await scan(cancellationToken).ConfigureAwait(false);
                foreach (var block in _inFlight)
                {
                    _used[block] = true;
                }
                _sinceScan = 0;
            }
            for (uint k = 0; k < count && _sinceScan < count; k++, _sinceScan++)
            {
                var block = (_cursor + k) % count;
                if (!_used[block])
                {
                    _used[block] = true;
                    _inFlight.Add(block);
                    _cursor = (block + 1) % count;
                    _sinceScan++;
                    return block;
                }
            }
            _sinceScan = count;
        }
        throw new NoSpaceException();
    }

    /// <summary>The operation is over (committed or not): its blocks are only as taken as the next scan finds them.</summary>
    public void EndOperation() => _inFlight.Clear();

    /// <summary>Forgets the last scan (after a failed write, say, when what is committed is uncertain).</summary>
    public void Invalidate() => _used = null;
}

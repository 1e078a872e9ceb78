using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>
/// Frames a receive loop hands up in one go: what was ready at one wake-up, at most <see cref="MaxFrames"/>. While a
/// batch is open on a thread, the layers above may leave work for its end (TCP hands received bytes to each flow's
/// reader once per batch rather than once per segment); the loop ends it before it waits for anything.
/// </summary>
internal struct FrameBatch(Action? batchEnd, LogSource log, string name)
{
    /// <summary>The most frames a batch holds.</summary>
    public const int MaxFrames = 64;

    [ThreadStatic]
    private static bool t_open;

    private int _frames;
    private bool _open;

    /// <summary>Whether a batch is open on this thread (work left for its end will be done).</summary>
    public static bool IsOpen => t_open;

    /// <summary>Before a frame goes up: opens the batch, if someone will hear of its end.</summary>
    public void Begin()
    {
        if (!_open && batchEnd is not null)
        {
            _open = true;
            t_open = true;
        }
    }

    /// <summary>After a frame went up: ends the batch at its bound.</summary>
    public void Counted()
    {
        if (++_frames % MaxFrames == 0)
        {
            End();
        }
    }

    /// <summary>Ends the batch and tells the layers above (their failure is logged, the loop goes on).</summary>
    public void End()
    {
        if (!_open)
        {
            return;
        }
        _open = false;
        t_open = false;
        try
        {
            batchEnd!();
        }
        catch (Exception e)
        {
            log.Error($"a layer above {name} failed at the end of a batch of frames: {e}");
        }
    }
}

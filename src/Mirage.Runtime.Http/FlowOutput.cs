using System.IO.Pipelines;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel's output over a flow's own pipe writer (no copies). A flush that fails because the peer
/// left (broken pipe, reset) ends the connection through <paramref name="peerLeft"/> instead of
/// throwing into Kestrel, and reports the writer completed once Kestrel knows; from then on writes land in a scratch
/// buffer that is reused, so a response nobody reads costs no memory.
/// </summary>
internal sealed class FlowOutput(PipeWriter flow, Func<string, Task> peerLeft) : PipeWriter
{
    private volatile bool _gone;
    private byte[] _scratch = [];

    public override bool CanGetUnflushedBytes => !_gone && flow.CanGetUnflushedBytes;

    public override long UnflushedBytes => _gone ? 0 : flow.UnflushedBytes;

    public override void Advance(int bytes)
    {
        if (!_gone)
        {
            flow.Advance(bytes);
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _gone ? Scratch(sizeHint) : flow.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _gone ? Scratch(sizeHint) : flow.GetSpan(sizeHint);

    private byte[] Scratch(int sizeHint)
    {
        if (_scratch.Length < Math.Max(sizeHint, 4096))
        {
            _scratch = new byte[Math.Max(sizeHint, 4096)];
        }
        return _scratch;
    }

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_gone)
        {
            return new FlushResult(isCanceled: false, isCompleted: true);
        }
        try
        {
            return await flow.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FlowConnection.IsPeerGone(e))
        {
            _gone = true;
            await peerLeft($"the peer left while being sent to ({e.Message})").ConfigureAwait(false);
            return new FlushResult(isCanceled: false, isCompleted: true);
        }
    }

    public override void CancelPendingFlush() => flow.CancelPendingFlush();

    // Completing flushes what is left, which fails the same way when the peer has left.
    public override void Complete(Exception? exception = null)
    {
        try
        {
            flow.Complete(exception);
        }
        catch (Exception e) when (FlowConnection.IsPeerGone(e))
        {
            _ = peerLeft($"the peer left before the last bytes were sent ({e.Message})");
        }
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        try
        {
            await flow.CompleteAsync(exception).ConfigureAwait(false);
        }
        catch (Exception e) when (FlowConnection.IsPeerGone(e))
        {
            await peerLeft($"the peer left before the last bytes were sent ({e.Message})").ConfigureAwait(false);
        }
    }
}

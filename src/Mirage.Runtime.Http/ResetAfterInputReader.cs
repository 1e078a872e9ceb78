using System.IO.Pipelines;

namespace Mirage.Runtime.Http;

/// <summary>
/// Kestrel's view of a connection's input, where a peer's reset comes after what the peer sent
/// before it. A <see cref="Pipe"/> completed with an error throws it at the next read even when
/// bytes are still unread, and a client that refuses our certificate sends its TLS alert and then
/// resets: the handshake would fail as a plain reset (left out of the log) instead of as the
/// refusal it is. Here the input completes normally and the reset is thrown only once every byte
/// before it was examined.
/// </summary>
internal sealed class ResetAfterInputReader(PipeReader inner) : PipeReader
{
    private Exception? _reset;
    private ReadResult _last;
    private bool _examinedAll;

    /// <summary>The peer reset the connection: thrown once the input before it is read. Call before completing the writer.</summary>
    public void ResetAfterInput(Exception reset) => Volatile.Write(ref _reset, reset);

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        Map(await inner.ReadAsync(cancellationToken).ConfigureAwait(false));

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }
        result = Map(result);
        return true;
    }

    private ReadResult Map(ReadResult result)
    {
        _last = result;
        if (!result.IsCompleted || Volatile.Read(ref _reset) is not { } reset)
        {
            return result;
        }
        if (result.Buffer.IsEmpty || _examinedAll)
        {
            throw reset;
        }
        // Bytes the reader has not seen yet: give them without the end, the reset comes next.
        return new ReadResult(result.Buffer, result.IsCanceled, isCompleted: false);
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        _examinedAll = consumed.Equals(_last.Buffer.End);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _examinedAll = examined.Equals(_last.Buffer.End);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}

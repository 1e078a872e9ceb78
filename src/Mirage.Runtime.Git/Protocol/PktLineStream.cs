namespace Mirage.Runtime.Git.Protocol;

/// <summary>Reads and writes pkt-lines on a byte stream (a flow, a request or response body).</summary>
public sealed class PktLineStream(Stream stream)
{
    private readonly byte[] _length = new byte[4];

    /// <summary>The next pkt-line; the stream ending inside one, or before it when <paramref name="endAllowed"/> is false, is an error.</summary>
    public async ValueTask<PktLine?> ReadAsync(CancellationToken cancellationToken, bool endAllowed = false)
    {
        var got = await FillAsync(_length, cancellationToken).ConfigureAwait(false);
        if (got == 0 && endAllowed)
        {
            return null;
        }
        if (got < 4)
        {
            throw new GitFormatException("the peer closed the connection where a pkt-line was expected");
        }
        var (kind, length) = PktLine.ParseLength(_length);
        var payload = new byte[length];
        if (await FillAsync(payload, cancellationToken).ConfigureAwait(false) < length)
        {
            throw new GitFormatException($"the peer closed the connection inside a pkt-line of {length} bytes");
        }
        return new PktLine(kind, payload);
    }

    /// <summary>The next pkt-line, which must be there.</summary>
    public async ValueTask<PktLine> ReadRequiredAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false))!.Value;

    /// <summary>Writes <paramref name="lines"/> and flushes the stream.</summary>
    public async ValueTask WriteAsync(IEnumerable<PktLine> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await stream.WriteAsync(line.Encode(), cancellationToken).ConfigureAwait(false);
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes raw bytes (a pack after push commands).</summary>
    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}

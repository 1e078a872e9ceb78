using Mirage.Runtime.Git.Packs;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>Side-band multiplexing: what a server sends in bands inside pkt-lines, up to a flush.</summary>
internal static class SideBand
{
    private static readonly LogSource Log = new("git.side-band");

    /// <summary>Band 1 is the pack, band 2 progress, band 3 an error; the pack stops growing at the limit.</summary>
    public static async Task<byte[]> ReadAsync(PktLineStream lines, PackLimits limits, CancellationToken cancellationToken)
    {
        using var pack = new MemoryStream();
        for (var line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false); line.Kind != PktKind.Flush;
             line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false))
        {
            var payload = line.Payload;
            if (line.Kind != PktKind.Data || payload.IsEmpty)
            {
                throw new GitFormatException("the pack's side band: expected a band number and data");
            }
            switch (payload.Span[0])
            {
                case 1:
                    if (pack.Length + payload.Length - 1 > limits.MaxPackBytes)
                    {
                        throw new GitFormatException($"the server's pack is over the limit of {limits.MaxPackBytes} bytes");
                    }
                    pack.Write(payload.Span[1..]);
                    break;
                case 2:
                    Log.Debug($"remote: {System.Text.Encoding.UTF8.GetString(payload.Span[1..]).TrimEnd()}");
                    break;
                case 3:
                    throw new GitRemoteException($"the server failed: {System.Text.Encoding.UTF8.GetString(payload.Span[1..]).TrimEnd()}");
                default:
                    throw new GitFormatException($"the pack's side band: band {payload.Span[0]} is not 1, 2 or 3");
            }
        }
        return pack.ToArray();
    }
}

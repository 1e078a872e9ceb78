using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Packs;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>One reference to move in a push: from the value we expect on the server to a new one.</summary>
public sealed record RefUpdate(string Name, ObjectId Old, ObjectId New);

/// <summary>
/// The client side of receive-pack (which has no v2): read the advertisement, refuse to push when
/// the server's reference is not where we expect it (someone pushed meanwhile), send the command
/// and a pack of the new objects, and read report-status.
/// </summary>
public static class ReceivePack
{
    /// <summary>Pushes <paramref name="update"/> with <paramref name="objects"/> over <paramref name="stream"/>.</summary>
    public static async Task PushAsync(Stream stream, RefUpdate update, IReadOnlyCollection<GitObject> objects, CancellationToken cancellationToken)
    {
        var lines = new PktLineStream(stream);
        var first = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
        if (first.Kind == PktKind.Data && first.Text == "version 1")
        {
            first = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
        }
        var advertisement = await RefAdvertisement.ReadAsync(lines, first, cancellationToken).ConfigureAwait(false);
        var current = advertisement.Refs.FirstOrDefault(r => r.Name == update.Name)?.Id ?? ObjectId.Zero;
        if (current != update.Old)
        {
            throw new GitRemoteException(
                $"{update.Name} is at {current} on the server, not at {update.Old}: it changed since the last pull (pull, then write again)");
        }
        if (!advertisement.Capabilities.Contains("report-status"))
        {
            throw new GitRemoteException("the server offers no report-status, so a push could not be confirmed");
        }
        var sideBand = advertisement.Capabilities.Contains("side-band-64k");
        var capabilities = sideBand ? $"report-status side-band-64k {Wire.Agent}" : $"report-status {Wire.Agent}";
        await lines.WriteAsync([PktLine.Of($"{update.Old} {update.New} {update.Name}\0{capabilities}\n"), PktLine.Flush], cancellationToken)
            .ConfigureAwait(false);
        await lines.WriteRawAsync(PackWriter.Write(objects).Bytes, cancellationToken).ConfigureAwait(false);

        var report = sideBand
            ? ParseLines(await SideBand.ReadAsync(lines, PackLimits.Default with { MaxPackBytes = 1 << 20 }, cancellationToken).ConfigureAwait(false))
            : (await Wire.ReadUntilFlushAsync(lines, cancellationToken).ConfigureAwait(false)).Select(l => Wire.Data(l, "the push report")).ToList();
        if (report.Count == 0 || report[0] != "unpack ok")
        {
            throw new GitRemoteException($"the server did not take the pack: {(report.Count == 0 ? "no report" : report[0])}");
        }
        var status = report.Skip(1).FirstOrDefault(l => l.EndsWith(" " + update.Name, StringComparison.Ordinal) || l.Contains($" {update.Name} ", StringComparison.Ordinal));
        if (status != $"ok {update.Name}")
        {
            throw new GitRemoteException($"the server refused to update {update.Name}: {status ?? "no status"}");
        }
    }

    private static List<string> ParseLines(byte[] bytes)
    {
        var result = new List<string>();
        ReadOnlyMemory<byte> rest = bytes;
        while (PktLine.TryDecode(rest, out var line, out var consumed) && line.Kind == PktKind.Data)
        {
            result.Add(Wire.Data(line, "the push report"));
            rest = rest[consumed..];
        }
        return result;
    }
}

using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Packs;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>
/// The client side of upload-pack (git://, or smart HTTP through <see cref="SmartHttpStream"/>): reads the
/// server's first answer, speaks v2 (ls-refs, fetch) when the server does and v0 otherwise, and
/// returns the pack's objects. The transport has already sent its request (service, path, version).
/// </summary>
public static class UploadPack
{

    /// <summary>Fetches what <paramref name="request"/> wants over <paramref name="stream"/>.</summary>
    public static async Task<FetchResult> FetchAsync(Stream stream, FetchRequest request, CancellationToken cancellationToken)
    {
        var lines = new PktLineStream(stream);
        var first = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
        if (first.Kind == PktKind.Data && first.Text == "version 1")
        {
            first = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
        }
        return first.Kind == PktKind.Data && first.Text == "version 2"
            ? await FetchV2Async(lines, request, cancellationToken).ConfigureAwait(false)
            : await FetchV0Async(lines, first, request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<FetchResult> FetchV2Async(PktLineStream lines, FetchRequest request, CancellationToken cancellationToken)
    {
        var capabilities = (await Wire.ReadUntilFlushAsync(lines, cancellationToken).ConfigureAwait(false)).Select(l => l.Text).ToList();
        Wire.CheckObjectFormat(capabilities);
        await lines.WriteAsync(
            [PktLine.Of("command=ls-refs\n"), PktLine.Of(Wire.Agent + "\n"), PktLine.Delimiter, PktLine.Of("symrefs\n"), PktLine.Of("peel\n"),
             PktLine.Of("ref-prefix HEAD\n"), PktLine.Of("ref-prefix refs/heads/\n"), PktLine.Of("ref-prefix refs/tags/\n"), PktLine.Flush],
            cancellationToken).ConfigureAwait(false);
        var refs = (await Wire.ReadUntilFlushAsync(lines, cancellationToken).ConfigureAwait(false))
            .Select(line => ParseV2Ref(Wire.Data(line, "an ls-refs answer"))).ToList();
        var wants = Wants(refs, request);
        if (wants.Count == 0)
        {
            await lines.WriteAsync([PktLine.Flush], cancellationToken).ConfigureAwait(false);
            return new FetchResult(refs, [], [], ProtocolVersion.V2);
        }
        if (request.Depth is not null && !capabilities.Any(c => c.StartsWith("fetch=", StringComparison.Ordinal) && c.Contains("shallow", StringComparison.Ordinal)))
        {
            throw new GitRemoteException("the server does not offer shallow fetches (its fetch capability lacks 'shallow')");
        }
        var command = new List<PktLine> { PktLine.Of("command=fetch\n"), PktLine.Of(Wire.Agent + "\n"), PktLine.Delimiter, PktLine.Of("ofs-delta\n"), PktLine.Of("no-progress\n") };
        if (request.Known is not null)
        {
            command.Add(PktLine.Of("thin-pack\n"));
        }
        command.AddRange(wants.Select(w => PktLine.Of($"want {w}\n")));
        command.AddRange(request.Haves.Select(h => PktLine.Of($"have {h}\n")));
        if (request.Depth is { } depth)
        {
            command.Add(PktLine.Of($"deepen {depth}\n"));
        }
        command.Add(PktLine.Of("done\n"));
        command.Add(PktLine.Flush);
        await lines.WriteAsync(command, cancellationToken).ConfigureAwait(false);

        var shallow = new List<ObjectId>();
        while (true)
        {
            var header = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
            var section = Wire.Data(header, "a fetch answer's section header");
            if (section == "packfile")
            {
                var pack = await SideBand.ReadAsync(lines, request.Limits, cancellationToken).ConfigureAwait(false);
                // A flush where the next command would be ends the session cleanly.
                await lines.WriteAsync([PktLine.Flush], cancellationToken).ConfigureAwait(false);
                return new FetchResult(refs, ReadPack(pack, wants, request), shallow, ProtocolVersion.V2);
            }
            // acknowledgments, shallow-info, wanted-refs, packfile-uris: lines up to a delimiter.
            for (var line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false); line.Kind != PktKind.Delimiter;
                 line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false))
            {
                if (line.Kind == PktKind.Flush)
                {
                    throw new GitFormatException($"the fetch answer ended after section '{section}' without a packfile");
                }
                var text = line.Text;
                if (section == "shallow-info" && text.StartsWith("shallow ", StringComparison.Ordinal))
                {
                    shallow.Add(ObjectId.Parse(text.AsSpan(8), "a shallow line"));
                }
            }
        }
    }

    private static async Task<FetchResult> FetchV0Async(PktLineStream lines, PktLine first, FetchRequest request, CancellationToken cancellationToken)
    {
        var advertisement = await RefAdvertisement.ReadAsync(lines, first, cancellationToken).ConfigureAwait(false);
        var refs = advertisement.Refs;
        var capabilities = advertisement.Capabilities;
        var wants = Wants(refs, request);
        if (wants.Count == 0)
        {
            await lines.WriteAsync([PktLine.Flush], cancellationToken).ConfigureAwait(false);
            return new FetchResult(refs, [], [], ProtocolVersion.V0);
        }
        if (request.Depth is not null && !capabilities.Contains("shallow"))
        {
            throw new GitRemoteException("the server does not offer shallow fetches (no 'shallow' capability)");
        }
        var sideBand = capabilities.Contains("side-band-64k") ? "side-band-64k" : capabilities.Contains("side-band") ? "side-band" : null;
        string[] wished = [sideBand ?? "", "ofs-delta", "no-progress", request.Known is not null ? "thin-pack" : "", "shallow"];
        var asked = string.Join(' ', wished.Where(capabilities.Contains).Append(Wire.Agent));
        var command = wants.Select((w, i) => PktLine.Of(i == 0 ? $"want {w} {asked}\n" : $"want {w}\n")).ToList();
        if (request.Depth is { } depth)
        {
            command.Add(PktLine.Of($"deepen {depth}\n"));
        }
        command.Add(PktLine.Flush);
        // Everything is sent before reading, as stateless (smart HTTP) servers need: the shallow
        // list comes back first all the same.
        command.AddRange(request.Haves.Select(h => PktLine.Of($"have {h}\n")));
        command.Add(PktLine.Of("done\n"));
        await lines.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        var shallow = new List<ObjectId>();
        if (request.Depth is not null)
        {
            foreach (var line in await Wire.ReadUntilFlushAsync(lines, cancellationToken).ConfigureAwait(false))
            {
                var text = Wire.Data(line, "the shallow list");
                if (text.StartsWith("shallow ", StringComparison.Ordinal))
                {
                    shallow.Add(ObjectId.Parse(text.AsSpan(8), "a shallow line"));
                }
            }
        }
        // Without multi_ack the server answers one NAK, or one ACK for a common commit, then the pack.
        var answer = Wire.Data(await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false), "the answer to done");
        if (answer != "NAK" && !answer.StartsWith("ACK ", StringComparison.Ordinal))
        {
            throw new GitFormatException($"expected NAK or ACK before the pack, got '{answer}'");
        }
        if (sideBand is null)
        {
            throw new GitRemoteException("the server offers no side band; only side-band and side-band-64k servers are supported");
        }
        var pack = await SideBand.ReadAsync(lines, request.Limits, cancellationToken).ConfigureAwait(false);
        return new FetchResult(refs, ReadPack(pack, wants, request), shallow, ProtocolVersion.V0);
    }

    private static IReadOnlyList<PackedObject> ReadPack(byte[] pack, IReadOnlyCollection<ObjectId> wants, FetchRequest request)
    {
        var objects = PackReader.Read(pack, request.Limits, request.Known);
        var ids = objects.Select(o => o.Object.Id).ToHashSet();
        foreach (var want in wants)
        {
            if (!ids.Contains(want) && request.Known?.Invoke(want) is null)
            {
                throw new GitFormatException($"the server's pack lacks {want}, which was wanted");
            }
        }
        return objects;
    }

    private static List<ObjectId> Wants(IEnumerable<GitRef> refs, FetchRequest request) =>
        [.. refs.Where(request.Wants).Select(r => r.Id).Where(id => id != ObjectId.Zero && !request.Haves.Contains(id)).Distinct()];

    private static GitRef ParseV2Ref(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length < 2)
        {
            throw new GitFormatException($"an ls-refs line: expected 'id name [attributes]', got '{text}'");
        }
        if (parts[0] == "unborn")
        {
            return new GitRef(parts[1], ObjectId.Zero);
        }
        var target = parts.Skip(2).FirstOrDefault(a => a.StartsWith("symref-target:", StringComparison.Ordinal))?["symref-target:".Length..];
        return new GitRef(parts[1], ObjectId.Parse(parts[0], "an ls-refs line"), target);
    }
}

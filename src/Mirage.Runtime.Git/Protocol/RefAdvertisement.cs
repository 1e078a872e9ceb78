using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>
/// The v0 reference advertisement both upload-pack and receive-pack open with: "id name\0capabilities"
/// first, then "id name" lines, up to a flush. An empty repository advertises "capabilities^{}".
/// </summary>
public sealed record RefAdvertisement(IReadOnlyList<GitRef> Refs, IReadOnlySet<string> Capabilities)
{
    /// <summary>Reads the advertisement whose first line (already read) is <paramref name="first"/>.</summary>
    public static async Task<RefAdvertisement> ReadAsync(PktLineStream lines, PktLine first, CancellationToken cancellationToken)
    {
        var refs = new List<GitRef>();
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        var symrefs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = first; line.Kind != PktKind.Flush; line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false))
        {
            var text = Wire.Data(line, "the reference advertisement");
            var nul = text.IndexOf('\0');
            if (nul >= 0)
            {
                foreach (var capability in text[(nul + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    capabilities.Add(capability);
                    if (capability.StartsWith("symref=", StringComparison.Ordinal) && capability.IndexOf(':') is var colon and > 7)
                    {
                        symrefs[capability[7..colon]] = capability[(colon + 1)..];
                    }
                }
                text = text[..nul];
            }
            var space = text.IndexOf(' ');
            if (space != ObjectId.HexLength)
            {
                throw new GitFormatException($"the reference advertisement: expected 'id name', got '{text}'");
            }
            var name = text[(space + 1)..];
            if (!name.EndsWith("^{}", StringComparison.Ordinal))
            {
                refs.Add(new GitRef(name, ObjectId.Parse(text.AsSpan(0, space), "an advertised reference"), symrefs.GetValueOrDefault(name)));
            }
        }
        // symref= comes with the first line, which may be HEAD itself.
        var resolved = refs.Select(r => r.SymrefTarget is null && symrefs.TryGetValue(r.Name, out var t) ? r with { SymrefTarget = t } : r).ToList();
        Wire.CheckObjectFormat(capabilities);
        return new RefAdvertisement(resolved, capabilities);
    }
}

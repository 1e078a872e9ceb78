namespace Mirage.Runtime.Git.Protocol;

/// <summary>Checks every git conversation makes on what the server says.</summary>
internal static class Wire
{
    public const string Agent = "agent=mirage.net";

    /// <summary>The text of a data line; an ERR line is the server refusing.</summary>
    public static string Data(PktLine line, string where)
    {
        if (line.Kind != PktKind.Data)
        {
            throw new GitFormatException($"{where}: expected a line of data, got a {line.Kind} packet");
        }
        var text = line.Text;
        return text.StartsWith("ERR ", StringComparison.Ordinal) ? throw new GitRemoteException($"the server refused: {text[4..]}") : text;
    }

    /// <summary>SHA-1 only: a server announcing another object format is refused.</summary>
    public static void CheckObjectFormat(IEnumerable<string> capabilities)
    {
        if (capabilities.FirstOrDefault(c => c.StartsWith("object-format=", StringComparison.Ordinal)) is { } format && format != "object-format=sha1")
        {
            throw new GitRemoteException($"the repository uses {format}; only SHA-1 repositories are supported (as upstream's git-kv)");
        }
    }

    /// <summary>Lines up to a flush.</summary>
    public static async Task<List<PktLine>> ReadUntilFlushAsync(PktLineStream lines, CancellationToken cancellationToken)
    {
        var result = new List<PktLine>();
        for (var line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false); line.Kind != PktKind.Flush;
             line = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(line);
        }
        return result;
    }
}

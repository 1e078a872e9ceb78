using System.Text;

namespace Mirage.Runtime.Git.Objects;

/// <summary>A commit's fields that the store uses; <see cref="Serialize"/> writes what <c>git commit</c> would.</summary>
public sealed record Commit(ObjectId Tree, IReadOnlyList<ObjectId> Parents, string Author, string Committer, string Message)
{
    /// <summary>When it was committed: the committer line's seconds and zone.</summary>
    public DateTimeOffset CommitTime => SignatureTime(Committer);

    /// <summary>The fields of a commit object's contents (other headers, a signature for one, are skipped).</summary>
    public static Commit Parse(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = (end < 0 ? text : text[..end]).Split('\n');
        var message = end < 0 ? "" : text[(end + 2)..];
        ObjectId? tree = null;
        var parents = new List<ObjectId>();
        string? author = null, committer = null;
        foreach (var line in headers)
        {
            var space = line.IndexOf(' ');
            var (name, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            switch (name)
            {
                case "tree" when tree is null:
                    tree = ObjectId.Parse(value, "a commit's tree");
                    break;
                case "parent":
                    parents.Add(ObjectId.Parse(value, "a commit's parent"));
                    break;
                case "author":
                    author = value;
                    break;
                case "committer":
                    committer = value;
                    break;
            }
        }
        if (tree is not { } t || author is null || committer is null)
        {
            throw new GitFormatException("a commit: expected tree, author and committer lines");
        }
        return new Commit(t, parents, author, committer, message);
    }

    /// <summary>A signature line's identity with a time: "Name &lt;mail&gt; seconds +hhmm".</summary>
    public static string Signature(string name, string email, DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return $"{name} <{email}> {time.ToUnixTimeSeconds()} {sign}{offset.Hours:00}{offset.Minutes:00}";
    }

    /// <summary>The contents of this commit as an object.</summary>
    public byte[] Serialize()
    {
        var text = new StringBuilder();
        text.Append("tree ").Append(Tree).Append('\n');
        foreach (var parent in Parents)
        {
            text.Append("parent ").Append(parent).Append('\n');
        }
        text.Append("author ").Append(Author).Append('\n');
        text.Append("committer ").Append(Committer).Append('\n');
        text.Append('\n').Append(Message);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static DateTimeOffset SignatureTime(string signature)
    {
        var close = signature.LastIndexOf('>');
        var parts = signature[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (close < 0 || parts.Length != 2 || !long.TryParse(parts[0], out var seconds) || parts[1].Length != 5
            || !int.TryParse(parts[1].AsSpan(1, 2), out var hours) || !int.TryParse(parts[1].AsSpan(3, 2), out var minutes)
            || hours > 14 || minutes > 59 || Math.Abs(seconds) > 253402300799)
        {
            throw new GitFormatException($"a commit signature: expected 'name <mail> seconds +hhmm', got '{signature}'");
        }
        var offset = new TimeSpan(hours, minutes, 0) * (parts[1][0] == '-' ? -1 : 1);
        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset);
    }
}

namespace Mirage.Runtime.Git;

/// <summary>
/// A remote as git-kv takes it: <c>git://host[:port]/path[#branch]</c> (ssh:// and http(s):// parse
/// too, for the clients that handle them); the fragment names the branch, <c>main</c> by default.
/// </summary>
public sealed record GitUrl(string Scheme, string Host, int Port, string Path, string Branch)
{
    /// <summary>git daemon's port.</summary>
    public const int GitPort = 9418;

    /// <summary>The branch's full reference name.</summary>
    public string BranchRef => Branch.StartsWith("refs/", StringComparison.Ordinal) ? Branch : "refs/heads/" + Branch;

    /// <summary>Parses <paramref name="text"/>, or says what is wrong with it.</summary>
    public static bool TryParse(string text, out GitUrl? url, out string? error)
    {
        url = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{text}' is not a git remote: expected scheme://host[:port]/path[#branch]";
            return false;
        }
        var scheme = uri.Scheme.ToLowerInvariant();
        int? defaultPort = scheme switch
        {
            "git" => GitPort,
            "ssh" => 22,
            "http" => 80,
            "https" => 443,
            _ => null,
        };
        if (defaultPort is not { } fallback)
        {
            error = $"'{text}': the scheme '{uri.Scheme}' is none of git, ssh, http and https";
            return false;
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (path is "" or "/")
        {
            error = $"'{text}' names no repository path";
            return false;
        }
        var branch = uri.Fragment.Length > 1 ? Uri.UnescapeDataString(uri.Fragment[1..]) : "main";
        url = new GitUrl(scheme, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? fallback : uri.Port, path, branch);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; a bad remote is an <see cref="ArgumentException"/>.</summary>
    public static GitUrl Parse(string text) => TryParse(text, out var url, out var error) ? url! : throw new ArgumentException(error);

    /// <inheritdoc/>
    public override string ToString() => $"{Scheme}://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}{Path}#{Branch}";
}

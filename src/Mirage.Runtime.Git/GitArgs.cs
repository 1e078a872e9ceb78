using System.Diagnostics.CodeAnalysis;
using Mirage.Runtime.Arguments;
using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Git;

/// <summary>The git clients' runtime arguments (upstream's), optionally prefixed by a group.</summary>
public static class GitArgs
{
    /// <summary>
    /// <c>--tls-authenticator=AUTH</c>: how https remotes are checked, in upstream's syntax
    /// (<see cref="Network.Tls.TlsAuthenticator"/>); the system roots without it.
    /// </summary>
    public static ArgSpec<string?> TlsAuthenticator(string? @default = null, string group = "") =>
        Arg.Custom(
            [Named(group, "tls-authenticator")],
            @default,
            "TLS authenticator: " + Network.Tls.TlsAuthenticator.Syntax + ".",
            "TLS-AUTHENTICATOR",
            (string text, out string? value, [NotNullWhen(false)] out string? error) =>
            {
                value = text;
                return Network.Tls.TlsAuthenticator.TryParse(text, out _, out error);
            },
            value => value ?? "the system roots");

    /// <summary>
    /// <c>--http-headers=NAME:VALUE[,NAME:VALUE...]</c>: headers sent with every smart HTTP request
    /// (upstream's syntax: pairs split at the first ':', separated by ',').
    /// </summary>
    public static ArgSpec<string?> HttpHeaders(string? @default = null, string group = "") =>
        Arg.Custom(
            [Named(group, "http-headers")],
            @default,
            "HTTP headers sent to git remotes, NAME:VALUE separated by commas.",
            "HEADERS",
            (string text, out string? value, [NotNullWhen(false)] out string? error) =>
            {
                value = text;
                return TryParseHeaders(text, out _, out error);
            },
            value => value ?? "none");

    /// <summary>The headers <paramref name="text"/> lists (upstream's <c>NAME:VALUE,...</c>), or why it lists none.</summary>
    public static bool TryParseHeaders(string text, [NotNullWhen(true)] out IReadOnlyList<KeyValuePair<string, string>>? headers, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Length == 0 ? [] : text.Split(','))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? "" : pair[..colon].Trim();
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                (headers, error) = (null, $"'{pair}' is not a header: expected NAME:VALUE, NAME made of letters, digits and !#$%&'*+-.^_`|~");
                return false;
            }
            var value = pair[(colon + 1)..].Trim();
            if (value.Any(char.IsControl))
            {
                (headers, error) = (null, $"the value of the header '{name}' holds a control character");
                return false;
            }
            result.Add(new(name, value));
        }
        (headers, error) = (result, null);
        return true;
    }

    /// <summary>The headers <paramref name="text"/> lists; none when null.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a header list.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string? text) =>
        text is null ? []
        : TryParseHeaders(text, out var headers, out var error) ? headers
        : throw new ArgumentException(error, nameof(text));

    private static string Named(string group, string name) => group.Length == 0 ? name : $"{group}-{name}";

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}

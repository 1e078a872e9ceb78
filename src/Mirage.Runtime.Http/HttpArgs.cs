using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Mirage.Runtime.Arguments;

namespace Mirage.Runtime.Http;

/// <summary>The runtime arguments of the HTTP server devices (<c>paf_server</c>, <c>cohttp_server</c>).</summary>
public static class HttpArgs
{
    /// <summary>Kestrel's default limit on a request's body, in bytes (about 28.6 MiB).</summary>
    public const long DefaultMaxRequestBodySize = 30_000_000;

    /// <summary>
    /// <c>--max-request-body-size=BYTES</c>: the largest request body the server accepts. A request
    /// that declares a larger <c>Content-Length</c> is answered 413 before its body is read; one
    /// that sends more in chunks ends with 413 once the limit is passed.
    /// </summary>
    public static ArgSpec<long> MaxRequestBodySize(long @default = DefaultMaxRequestBodySize) =>
        Arg.Custom(
            ["max-request-body-size"],
            @default,
            "The largest request body the HTTP server accepts, in bytes; larger ones are answered 413.",
            "BYTES",
            (string text, out long value, [NotNullWhen(false)] out string? error) =>
            {
                var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
                error = ok ? null : "expected a positive number of bytes";
                return ok;
            },
            static value => value.ToString(CultureInfo.InvariantCulture));
}

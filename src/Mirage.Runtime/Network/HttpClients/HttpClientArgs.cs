using System.Diagnostics.CodeAnalysis;
using Mirage.Runtime.Arguments;

using Mirage.Runtime.Network.Tls;

namespace Mirage.Runtime.Network.HttpClients;

/// <summary>The HTTP clients' runtime arguments, optionally prefixed by a group.</summary>
public static class HttpClientArgs
{
    /// <summary>
    /// <c>--tls-ca=FILE</c>: a PEM file of certificate authorities trusted instead of the system
    /// roots (as <c>curl --cacert</c>); checked when read.
    /// </summary>
    public static ArgSpec<string?> TlsCa(string? @default = null, string group = "") =>
        Arg.Custom(
            [group.Length == 0 ? "tls-ca" : $"{group}-tls-ca"],
            @default,
            "Trust only the certificate authorities of this PEM file instead of the system roots.",
            "FILE",
            (string text, out string? value, [NotNullWhen(false)] out string? error) =>
            {
                value = text;
                return TlsTrust.TryLoadPem(text, out _, out error);
            },
            value => value ?? "the system roots");

    /// <summary>The trust <c>--tls-ca</c> names: its authorities, or the system roots when null.</summary>
    /// <exception cref="ArgumentException">The file cannot be read or holds no certificate.</exception>
    public static TlsTrust Trust(string? tlsCa, string group = "") =>
        tlsCa is null ? TlsTrust.System
        : TlsTrust.TryLoadPem(tlsCa, out var trust, out var error) ? trust
        : throw new ArgumentException($"--{(group.Length == 0 ? "" : group + "-")}tls-ca: {error}", nameof(tlsCa));
}

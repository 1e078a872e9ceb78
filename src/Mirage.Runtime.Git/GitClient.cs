using Mirage.Runtime.Git.Protocol;
using Mirage.Runtime.Logging;
using System.Net.Http;
using Mirage.Runtime.Network;
using Mirage.Runtime.Network.HttpClients;
using Mirage.Runtime.Network.Streams;

namespace Mirage.Runtime.Git;

/// <summary>
/// Opens a connection to a git service (<c>git-upload-pack</c>, <c>git-receive-pack</c>) at a remote,
/// its request already sent: the stream is ready for the server's first answer.
/// </summary>
public delegate ValueTask<Stream> GitTransport(GitUrl url, string service, ProtocolVersion version, CancellationToken cancellationToken);

/// <summary>
/// Upstream's <c>git_client</c>: the ways this unikernel can reach git remotes, by URL scheme. Made by
/// <c>git_tcp</c> (git://) and <c>git_http</c> (http://, https://), merged with <c>merge_git_clients</c>; git-kv fetches and pushes through it.
/// </summary>
public sealed class GitClient
{
    private static readonly LogSource Log = new("git.client");
    private readonly IReadOnlyDictionary<string, GitTransport> _transports;

    /// <summary>A client reaching the schemes of <paramref name="transports"/>.</summary>
    public GitClient(IReadOnlyDictionary<string, GitTransport> transports) => _transports = transports;

    /// <summary>The schemes this client can reach.</summary>
    public IEnumerable<string> Schemes => _transports.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// The connect code of <c>git_tcp</c>: git:// through <paramref name="mimic"/> (the TCP stack is a
    /// functor argument for its ordering, as upstream).
    /// </summary>
    public static GitClient Tcp(ITcp tcp, Network.Mimic.Mimic mimic)
    {
        ArgumentNullException.ThrowIfNull(tcp);
        ArgumentNullException.ThrowIfNull(mimic);
        return OverFlows(mimic.AsConnectHost());
    }

    /// <summary>git:// over flows that <paramref name="connect"/> opens.</summary>
    public static GitClient OverFlows(ConnectHost connect) =>
        new(new Dictionary<string, GitTransport>(StringComparer.Ordinal)
        {
            ["git"] = async (url, service, version, cancellationToken) =>
            {
                var connection = await connect(url.Host, url.Port, cancellationToken).ConfigureAwait(false);
                if (connection.Flow is not { } flow)
                {
                    throw new GitRemoteException($"{url}: {connection.Error}");
                }
                var stream = new FlowStream(flow);
                await new PktLineStream(stream).WriteAsync([GitDaemon.Request(service, url.Path, url.Host, url.Port, version)], cancellationToken)
                    .ConfigureAwait(false);
                return stream;
            },
        });

    /// <summary>
    /// The connect code of <c>git_http</c>: smart HTTP(S) through an HTTP client on mimic's flows
    /// (h2 or http/1.1 by ALPN over TLS, as upstream's paf client), https servers checked by
    /// <paramref name="tlsAuthenticator"/> (<c>--tls-authenticator</c>; null: the system roots), every
    /// request carrying <paramref name="httpHeaders"/> (<c>--http-headers</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The authenticator or the headers are malformed.</exception>
    public static GitClient Http(ITcp tcp, Network.Mimic.Mimic mimic, string? tlsAuthenticator, string? httpHeaders)
    {
        ArgumentNullException.ThrowIfNull(tcp);
        ArgumentNullException.ThrowIfNull(mimic);
        var trust = Network.Tls.TlsTrust.Parse(tlsAuthenticator);
        if (trust.ChecksNothing)
        {
            Log.Warning("--tls-authenticator=none: https remotes' certificates are not checked, anyone on the path can read and change what is fetched");
        }
        var http = FlowHttpClients.Create(mimic.AsConnectHost(), trust, HttpProtocolPolicy.Http2ByAlpn);
        return OverHttp(http, GitArgs.Headers(httpHeaders));
    }

    /// <summary>http:// and https:// (smart HTTP) through <paramref name="http"/>, each request carrying <paramref name="headers"/>.</summary>
    public static GitClient OverHttp(HttpClient http, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(http);
        GitTransport transport = async (url, service, version, cancellationToken) =>
        {
            var repository = new UriBuilder(url.Scheme, url.Host, url.Port, url.Path).Uri;
            return await SmartHttpStream.OpenAsync(http, repository, service, version, headers, cancellationToken).ConfigureAwait(false);
        };
        return new(new Dictionary<string, GitTransport>(StringComparer.Ordinal) { ["http"] = transport, ["https"] = transport });
    }

    /// <summary>
    /// The connect code of <c>merge_git_clients</c>: the schemes of both; for a scheme both reach,
    /// <paramref name="first"/>'s way.
    /// </summary>
    public static GitClient Merge(GitClient first, GitClient second)
    {
        var merged = new Dictionary<string, GitTransport>(second._transports, StringComparer.Ordinal);
        foreach (var (scheme, transport) in first._transports)
        {
            merged[scheme] = transport;
        }
        return new GitClient(merged);
    }

    /// <summary>Fetches from <paramref name="url"/> through the transport of its scheme.</summary>
    public async Task<FetchResult> FetchAsync(GitUrl url, FetchRequest request, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(url, "git-upload-pack", request.Version, cancellationToken).ConfigureAwait(false);
        var result = await UploadPack.FetchAsync(stream, request, cancellationToken).ConfigureAwait(false);
        Log.Debug($"{url}: {result.Refs.Count} references, {result.Objects.Count} objects (protocol {result.Version})");
        return result;
    }

    /// <summary>Pushes <paramref name="update"/> with <paramref name="objects"/> to <paramref name="url"/> (receive-pack).</summary>
    public async Task PushAsync(GitUrl url, RefUpdate update, IReadOnlyCollection<Objects.GitObject> objects, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(url, "git-receive-pack", ProtocolVersion.V0, cancellationToken).ConfigureAwait(false);
        await ReceivePack.PushAsync(stream, update, objects, cancellationToken).ConfigureAwait(false);
        Log.Debug($"{url}: {update.Name} {update.Old} -> {update.New}");
    }

    /// <summary>Opens <paramref name="service"/> at <paramref name="url"/>.</summary>
    public ValueTask<Stream> OpenAsync(GitUrl url, string service, ProtocolVersion version, CancellationToken cancellationToken = default) =>
        _transports.TryGetValue(url.Scheme, out var transport)
            ? transport(url, service, version, cancellationToken)
            : throw new GitRemoteException(
                $"{url}: this git client reaches {string.Join(", ", Schemes.Select(s => s + "://"))} but not {url.Scheme}:// (add its device: git_tcp for git://, git_http for http:// and https://)");
}

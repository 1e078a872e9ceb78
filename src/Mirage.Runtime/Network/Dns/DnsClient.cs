using Mirage.Runtime.Network.Tls;
using System.Security.Authentication;
using System.Net.Security;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Mirage.Runtime.Entropy;
using Mirage.Runtime.Logging;
using Mirage.Runtime.Time;

namespace Mirage.Runtime.Network.Dns;

/// <summary>
/// A stub resolver (upstream's <c>Dns_client</c>): asks its nameservers in order, each within what
/// is left of the query's time budget, follows CNAMEs, caches answers, and asks again over TCP
/// when a UDP answer comes back truncated. <c>localhost</c> and <c>.invalid</c> are answered
/// locally (RFC 6761). Replies that do not match the query (id, question) are ignored on UDP and
/// an error on TCP; malformed replies are an error with the decoder's reason, never a crash.
/// </summary>
public sealed class DnsClient
{
    /// <summary>Upstream's default time budget of a query: 5 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Upstream's default cache size: 32 answers.</summary>
    public const int DefaultCacheSize = 32;

    private const int MaxUdpReply = 65535;
    private static readonly LogSource Log = new("dns.client");
    private static readonly DomainName Localhost = DomainName.Parse("localhost");
    private static readonly DomainName Invalid = DomainName.Parse("invalid");

    private readonly IDnsTransport _transport;
    private readonly IMClock _clock;
    private readonly IRandom _random;
    private readonly DnsCache _cache;

    /// <summary>A client asking <paramref name="nameservers"/> (the defaults when empty).</summary>
    public DnsClient(
        IDnsTransport transport,
        IReadOnlyList<Nameserver> nameservers,
        TimeSpan timeout,
        int cacheSize,
        IMClock clock,
        IRandom random)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(nameservers);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _transport = transport;
        Nameservers = nameservers.Count > 0 ? nameservers : Nameserver.Defaults;
        Timeout = timeout;
        _cache = new DnsCache(cacheSize);
        _clock = clock;
        _random = random;
    }

    /// <summary>
    /// The connect code's way in, with upstream's runtime arguments: nameservers in
    /// <c>udp:IP[:PORT]</c>/<c>tcp:IP[:PORT]</c> syntax (null: the defaults; an empty list is refused,
    /// never read as "the public defaults"), the timeout in
    /// nanoseconds (null: 5 s) and the cache size (null: 32).
    /// </summary>
    /// <exception cref="ArgumentException">No nameserver, one not in that syntax, or the timeout or cache size is not positive.</exception>
    public static DnsClient Connect(
        IDnsTransport transport,
        IMClock clock,
        IRandom random,
        IReadOnlyList<string>? nameservers,
        long? timeoutNs,
        int? cacheSize)
    {
        if (nameservers is { Count: 0 })
        {
            throw new ArgumentException("--dns-servers: expected at least one DNS server, udp:IP[:PORT] or tcp:IP[:PORT]", nameof(nameservers));
        }
        if (!Nameserver.TryParseAll(nameservers ?? [], out var parsed, out var error))
        {
            throw new ArgumentException($"--dns-servers: {error}", nameof(nameservers));
        }
        if (timeoutNs is <= 0)
        {
            throw new ArgumentException($"--dns-timeout: expected a positive number of nanoseconds, not {timeoutNs}", nameof(timeoutNs));
        }
        if (cacheSize is < 0)
        {
            throw new ArgumentException($"--dns-cache-size: expected a size of 0 or more, not {cacheSize}", nameof(cacheSize));
        }
        var timeout = timeoutNs is { } ns ? TimeSpan.FromTicks(Math.Max(1, ns / 100)) : DefaultTimeout;
        return new DnsClient(transport, parsed, timeout, cacheSize ?? DefaultCacheSize, clock, random);
    }

    /// <summary>
    /// Upstream's <c>generic_dns_client</c> connect: a client over <paramref name="stack"/> that
    /// <paramref name="happyEyeballs"/> then uses to look host names up.
    /// </summary>
    public static DnsClient Connect(
        IStackV4V6 stack,
        HappyEyeballs.HappyEyeballs happyEyeballs,
        IReadOnlyList<string>? nameservers,
        long? timeoutNs,
        int? cacheSize)
    {
        ArgumentNullException.ThrowIfNull(happyEyeballs);
        var client = Connect(new StackDnsTransport(stack, Platform.Random), Platform.MClock, Platform.Random, nameservers, timeoutNs, cacheSize);
        happyEyeballs.Inject((host, family, cancellationToken) => client.GetAddressesAsync(host, family, cancellationToken));
        return client;
    }

    /// <summary>
    /// Upstream's <c>generic_dns_client ~dhcp</c> connect: as the one above, but without nameservers given
    /// (<paramref name="nameservers"/> null) it asks the DNS servers of the DHCP <paramref name="lease"/>, and the
    /// defaults only when the lease names none.
    /// </summary>
    public static DnsClient ConnectWithLease(
        IStackV4V6 stack,
        HappyEyeballs.HappyEyeballs happyEyeballs,
        DhcpLeaseOptions lease,
        IReadOnlyList<string>? nameservers,
        long? timeoutNs,
        int? cacheSize) =>
        Connect(stack, happyEyeballs, NameserversOf(nameservers, lease), timeoutNs, cacheSize);

    /// <summary>
    /// The nameservers given, else those of the DHCP <paramref name="lease"/>, each over UDP then TCP, as upstream
    /// turns a lease's servers into <c>udp:IP</c> and <c>tcp:IP</c>; null (the defaults) when neither names one.
    /// </summary>
    public static IReadOnlyList<string>? NameserversOf(IReadOnlyList<string>? given, DhcpLeaseOptions lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (given is not null)
        {
            return given;
        }
        var servers = lease.DnsServers;
        return servers.Count == 0 ? null : [.. servers.SelectMany(ip => (string[])[$"udp:{ip}", $"tcp:{ip}"])];
    }

    /// <summary>The nameservers asked, in order.</summary>
    public IReadOnlyList<Nameserver> Nameservers { get; }

    /// <summary>The time budget of one query, across all nameservers.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The records of <paramref name="type"/> at <paramref name="name"/> (upstream's <c>get_resource_record</c>).</summary>
    public async ValueTask<DnsAnswer> ResolveAsync(DomainName name, DnsRecordType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Special(name, type) is { } special)
        {
            return special;
        }
        DnsMetrics.Queries.Add(1);
        lock (_cache)
        {
            if (_cache.Get(name, type, _clock.ElapsedNs()) is { } cached)
            {
                DnsMetrics.CacheHits.Add(1);
                return cached;
            }
        }
        var answer = await AskAsync(name, type, cancellationToken).ConfigureAwait(false);
        if (answer is DnsAnswer.Failure)
        {
            DnsMetrics.Failures.Add(1);
        }
        lock (_cache)
        {
            _cache.Set(name, type, answer, _clock.ElapsedNs());
        }
        return answer;
    }

    /// <summary>
    /// The addresses of <paramref name="name"/>, IPv4 (A) or IPv6 (AAAA) by <paramref name="family"/>
    /// (upstream's <c>getaddrinfo</c>); a failure or an empty answer is an error message.
    /// </summary>
    public async ValueTask<(IReadOnlyList<IPAddress>? Addresses, string? Error)> GetAddressesAsync(
        DomainName name, AddressFamily family, CancellationToken cancellationToken = default)
    {
        var type = family == AddressFamily.InterNetworkV6 ? DnsRecordType.AAAA : DnsRecordType.A;
        var answer = await ResolveAsync(name, type, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            DnsAnswer.Data data => (data.Records.Select(r => r is ARecord a ? a.Address : ((AaaaRecord)r).Address).ToList(), null),
            DnsAnswer.NoData => (null, $"{name} has no {type} record"),
            DnsAnswer.NoDomain => (null, $"{name} does not exist"),
            DnsAnswer.Failure failure => (null, failure.Message),
            _ => (null, $"unexpected answer {answer}"),
        };
    }

    private static DnsAnswer? Special(DomainName name, DnsRecordType type)
    {
        if (name.IsSubdomainOf(Localhost))
        {
            return type switch
            {
                DnsRecordType.A => new DnsAnswer.Data(name, 300, [new ARecord(IPAddress.Loopback)]),
                DnsRecordType.AAAA => new DnsAnswer.Data(name, 300, [new AaaaRecord(IPAddress.IPv6Loopback)]),
                _ => new DnsAnswer.NoDomain(name, null),
            };
        }
        return name.IsSubdomainOf(Invalid) ? new DnsAnswer.NoDomain(name, null) : null;
    }

    private async ValueTask<DnsAnswer> AskAsync(DomainName name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Timeout);
        var failures = new List<string>();
        foreach (var nameserver in Nameservers)
        {
            var query = DnsMessage.Query(NewId(), name, type);
            DnsAnswer answer;
            try
            {
                answer = nameserver.Protocol == DnsProtocol.Udp
                    ? await AskUdpAsync(nameserver.EndPoint, query, budget.Token).ConfigureAwait(false)
                    : await AskTcpAsync(nameserver.EndPoint, query, budget.Token, nameserver.Protocol == DnsProtocol.Tls ? nameserver : null).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                answer = new DnsAnswer.Failure($"no answer within {Timeout.TotalMilliseconds} ms");
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                answer = new DnsAnswer.Failure(e.Message);
            }
            if (answer is not DnsAnswer.Failure failure)
            {
                return answer;
            }
            Log.Debug($"{nameserver}: {name} {type}: {failure.Message}");
            failures.Add($"{nameserver}: {failure.Message}");
            if (budget.IsCancellationRequested)
            {
                break;
            }
        }
        return new DnsAnswer.Failure($"{name} {type}: {string.Join("; ", failures)}");
    }

    private async ValueTask<DnsAnswer> AskUdpAsync(IPEndPoint server, DnsMessage query, CancellationToken cancellationToken)
    {
        var (socket, error) = await _transport.OpenUdpAsync(server, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return new DnsAnswer.Failure(error ?? "no UDP socket");
        }
        await using (socket.ConfigureAwait(false))
        {
            await socket.SendAsync(DnsMessageEncoder.Encode(query), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxUdpReply];
            string? rejected = null;
            while (true)
            {
                int length;
                try
                {
                    length = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (rejected is not null)
                {
                    return new DnsAnswer.Failure($"no matching answer within {Timeout.TotalMilliseconds} ms (ignored: {rejected})");
                }
                var decoded = DnsMessageDecoder.Decode(buffer.AsSpan(0, length));
                if (!decoded.IsOk)
                {
                    // A forged or broken datagram; the real answer may still come.
                    rejected = $"malformed reply: {decoded.Error}";
                    Log.Warning($"{server}: {rejected}");
                    continue;
                }
                if (DnsResponse.Mismatch(query, decoded.Message) is { } mismatch)
                {
                    rejected = mismatch;
                    Log.Warning($"{server}: ignoring a reply: {mismatch}");
                    continue;
                }
                if (decoded.Message.IsTruncated)
                {
                    Log.Debug($"{server}: truncated reply, asking again over TCP");
                    return await AskTcpAsync(server, query, cancellationToken).ConfigureAwait(false);
                }
                return DnsResponse.Interpret(query.Questions[0], decoded.Message);
            }
        }
    }

    // Over TCP, or over TLS on TCP when `tls` names the nameserver to authenticate.
    private async ValueTask<DnsAnswer> AskTcpAsync(IPEndPoint server, DnsMessage query, CancellationToken cancellationToken, Nameserver? tls = null)
    {
        var (tcp, error) = await _transport.ConnectTcpAsync(server, cancellationToken).ConfigureAwait(false);
        if (tcp is null)
        {
            return new DnsAnswer.Failure(error ?? "no TCP connection");
        }
        var stream = tcp;
        if (tls is not null)
        {
            var secured = new SslStream(tcp, leaveInnerStreamOpen: false);
            try
            {
                await secured.AuthenticateAsClientAsync(TlsOptions(tls), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await secured.DisposeAsync().ConfigureAwait(false);
                return new DnsAnswer.Failure($"TLS handshake failed: {e.Message}");
            }
            stream = secured;
        }
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(DnsMessageEncoder.EncodeForTcp(query), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            var prefix = new byte[2];
            if (!await ReadExactlyOrEofAsync(stream, prefix, cancellationToken).ConfigureAwait(false))
            {
                return new DnsAnswer.Failure("the server closed the connection before answering");
            }
            var reply = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            if (!await ReadExactlyOrEofAsync(stream, reply, cancellationToken).ConfigureAwait(false))
            {
                return new DnsAnswer.Failure($"truncated reply: the connection closed within the announced {reply.Length} octets");
            }
            var decoded = DnsMessageDecoder.Decode(reply);
            if (!decoded.IsOk)
            {
                return new DnsAnswer.Failure($"malformed reply: {decoded.Error}");
            }
            if (DnsResponse.Mismatch(query, decoded.Message) is { } mismatch)
            {
                return new DnsAnswer.Failure($"reply does not match the query: {mismatch}");
            }
            return DnsResponse.Interpret(query.Questions[0], decoded.Message);
        }
    }

    // The server's certificate must name the host name given, or else its address; what it must
    // chain to (or match) is the authenticator's say, the system's roots without one. A pinned key or
    // certificate with no host name given identifies the server by itself.
    private static SslClientAuthenticationOptions TlsOptions(Nameserver nameserver)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = nameserver.TlsHost ?? nameserver.EndPoint.Address.ToString() };
        var trust = nameserver.Authenticator is { } authenticator
            ? TlsTrust.From(
                authenticator,
                checkName: nameserver.TlsHost is not null || authenticator.Kind == TlsAuthenticatorKind.TrustAnchors)
            : TlsTrust.System;
        trust.ApplyTo(options);
        return options;
    }

    private static async ValueTask<bool> ReadExactlyOrEofAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length;
    }

    private ushort NewId()
    {
        Span<byte> id = stackalloc byte[2];
        _random.Fill(id);
        return BinaryPrimitives.ReadUInt16BigEndian(id);
    }
}

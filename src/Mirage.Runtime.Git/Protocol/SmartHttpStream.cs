using System.Net.Http;
using System.Net.Http.Headers;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>
/// git's smart HTTP as the stream the protocol code reads and writes (upstream's git-net HTTP):
/// the server's first answer is <c>GET info/refs?service=S</c>; what the client writes next is kept
/// and sent as one <c>POST S</c> when the client reads again, whose answer is read then. Protocol v2
/// is asked for with the <c>Git-Protocol</c> header: each command is its own POST, as git's
/// stateless v2. What is written and never followed by a read (a closing flush) is not sent.
/// </summary>
public sealed class SmartHttpStream : Stream
{
    private readonly HttpClient _client;
    private readonly Uri _repository;
    private readonly string _service;
    private readonly ProtocolVersion _version;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly MemoryStream _request = new();
    private HttpResponseMessage? _response;
    private Stream? _body;
    private ReadOnlyMemory<byte> _pending;

    private SmartHttpStream(HttpClient client, Uri repository, string service, ProtocolVersion version, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        (_client, _repository, _service, _version, _headers) = (client, repository, service, version, headers);

    /// <summary>
    /// Asks <paramref name="repository"/> (http(s)://host/path, without <c>/info/refs</c>) for
    /// <paramref name="service"/>'s advertisement; the stream starts with the server's first line after
    /// the <c># service=</c> preamble.
    /// </summary>
    public static async Task<SmartHttpStream> OpenAsync(
        HttpClient client, Uri repository, string service, ProtocolVersion version, IReadOnlyList<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stream = new SmartHttpStream(client, repository, service, version, headers);
        try
        {
            await stream.SendAsync(HttpMethod.Get, $"info/refs?service={service}", null, "advertisement", cancellationToken).ConfigureAwait(false);
            await stream.SkipServicePreambleAsync(cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_request.Length > 0)
        {
            var body = _request.ToArray();
            _request.SetLength(0);
            await SendAsync(HttpMethod.Post, _service, body, "result", cancellationToken).ConfigureAwait(false);
        }
        if (!_pending.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _pending.Length);
            _pending[..n].CopyTo(buffer);
            _pending = _pending[n..];
            return n;
        }
        return _body is null ? 0 : await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _request.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override void Flush() { }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => _request.Write(buffer, offset, count);

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body?.Dispose();
            _response?.Dispose();
            _request.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task SendAsync(HttpMethod method, string relative, byte[]? body, string answer, CancellationToken cancellationToken)
    {
        _body?.Dispose();
        _response?.Dispose();
        (_body, _response) = (null, null);
        var uri = new Uri(_repository.AbsoluteUri.TrimEnd('/') + "/" + relative);
        using var request = new HttpRequestMessage(method, uri);
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (_version == ProtocolVersion.V2)
        {
            request.Headers.TryAddWithoutValidation("Git-Protocol", "version=2");
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue($"application/x-{_service}-{answer}"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-{_service}-request");
        }
        try
        {
            _response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new GitRemoteException($"{method} {uri}: {Mirage.Runtime.Network.HttpClients.HttpFailure.Describe(e)}");
        }
        if (!_response.IsSuccessStatusCode)
        {
            throw new GitRemoteException($"{method} {uri}: the server answered {(int)_response.StatusCode} {_response.ReasonPhrase}");
        }
        var type = _response.Content.Headers.ContentType?.MediaType;
        if (type != $"application/x-{_service}-{answer}")
        {
            throw new GitRemoteException(
                $"{method} {uri}: the answer is {type ?? "untyped"}, not application/x-{_service}-{answer}: not a smart HTTP git server (dumb HTTP is not supported)");
        }
        _body = await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    // v0 answers start with "# service=S" and a flush, which the protocol code does not expect; v2
    // answers start with "version 2" directly. A first line that is not the preamble is given back.
    private async Task SkipServicePreambleAsync(CancellationToken cancellationToken)
    {
        var lines = new PktLineStream(_body!);
        var first = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
        if (first.Kind == PktKind.Data && first.Text == $"# service={_service}")
        {
            var flush = await lines.ReadRequiredAsync(cancellationToken).ConfigureAwait(false);
            if (flush.Kind != PktKind.Flush)
            {
                throw new GitFormatException($"the service preamble: expected a flush after '# service={_service}', got a {flush.Kind} packet");
            }
            return;
        }
        _pending = first.Encode();
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Mirage.Runtime;
using Mirage.Runtime.Http;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>
/// upstream's minipaf: a few routes to check an HTTP server byte for byte. <c>/random</c> streams
/// <c>x-length</c> pseudo-random bytes from <c>x-seed</c>, <c>/hash</c> the SHA-256 of those same
/// bytes, and <c>/transmit</c> echoes the request body (413 over the server's
/// <c>--max-request-body-size</c>, 400 for a malformed chunked body). Every route stops working
/// for a client that has left.
/// </summary>
public sealed class Http(IHttpServer server, int port, int h2cPort, int tlsPort, string? cert, string? key) : IJob
{
    private const int Chunk = 16 * 1024;
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("Hello World!\n");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listens = new List<HttpListen> { HttpListen.Http(port), HttpListen.H2c(h2cPort) };
        if (cert is not null && key is not null)
        {
            listens.Add(HttpListen.Https(tlsPort, Certificates.FromPemFiles(cert, key)));
        }
        else if (cert is not null || key is not null)
        {
            throw new ArgumentException("HTTPS needs both --cert and --key");
        }
        Log.Info($"serving HTTP on port {port}, h2c on port {h2cPort}" + (listens.Count > 2 ? $", HTTPS on port {tlsPort}" : ""));
        await server.ServeAsync(listens, HandleAsync, cancellationToken);
    }

    private static Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        "/" => TextAsync(context),
        "/random" => RandomAsync(context),
        "/hash" => HashAsync(context),
        "/transmit" => TransmitAsync(context),
        _ => NotFound(context),
    };

    private static Task TextAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = Hello.Length;
        return context.Response.Body.WriteAsync(Hello).AsTask();
    }

    private static async Task RandomAsync(HttpContext context)
    {
        if (!TryLengthAndSeed(context, out var length, out var seed))
        {
            return;
        }
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = length;
        var writer = context.Response.BodyWriter;
        // A seeded Random draws one sample per byte: the bytes do not depend on how they are chunked.
        for (var left = length; left > 0;)
        {
            var span = writer.GetSpan(Chunk);
            var size = (int)Math.Min(span.Length, left);
            seed.NextBytes(span[..size]);
            writer.Advance(size);
            left -= size;
            var flushed = await writer.FlushAsync(context.RequestAborted);
            if (flushed.IsCompleted || context.RequestAborted.IsCancellationRequested)
            {
                // The client left: nobody reads the rest, and the response stays unfinished.
                await AbandonAsync(context);
                return;
            }
        }
    }

    private static Task HashAsync(HttpContext context)
    {
        if (!TryLengthAndSeed(context, out var length, out var seed))
        {
            return Task.CompletedTask;
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            foreach (var size in Chunks(length))
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return Task.CompletedTask; // the client left: the hash is nobody's
                }
                seed.NextBytes(buffer.AsSpan(0, size));
                sha.AppendData(buffer, 0, size);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>
    /// The body back. A body with a length is echoed as it arrives (Kestrel refuses one over the
    /// limit before it is read); a chunked one is read whole first, so that a malformed body (400)
    /// or one over the limit (413) is answered as such instead of as a truncated echo.
    /// </summary>
    private static async Task TransmitAsync(HttpContext context)
    {
        context.Response.ContentType = "application/octet-stream";
        try
        {
            var aborted = context.RequestAborted;
            if (context.Request.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
                var writer = context.Response.BodyWriter;
                await ReadBodyAsync(context, async segment => await writer.WriteAsync(segment, aborted));
            }
            else
            {
                var body = new ArrayBufferWriter<byte>();
                await ReadBodyAsync(context, segment =>
                {
                    body.Write(segment.Span);
                    return ValueTask.CompletedTask;
                });
                context.Response.ContentLength = body.WrittenCount;
                await context.Response.BodyWriter.WriteAsync(body.WrittenMemory, aborted);
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Over --max-request-body-size (413), or not HTTP's chunked encoding (400).
            context.Response.ContentLength = null;
            context.Response.StatusCode = e.StatusCode;
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client left mid-body: the server's log says so once; there is nobody to answer.
            await AbandonAsync(context);
        }
    }

    /// <summary>
    /// Ends a response whose client left, short of its Content-Length. Kestrel logs a response that
    /// ends short as the application's error unless it has marked the request aborted by then, and
    /// <c>Abort</c> does not always mark it at once: on HTTP/2, a stream the connection is aborting is
    /// flagged first (which makes our <c>Abort</c> do nothing) and its pending writes released before
    /// it is marked. <c>RequestAborted</c> fires only once the request is marked, so the handler
    /// returns after it.
    /// </summary>
    private static async Task AbandonAsync(HttpContext context)
    {
        context.Abort();
        var aborted = context.RequestAborted;
        if (aborted.IsCancellationRequested || !aborted.CanBeCanceled)
        {
            return; // marked already, or the whole response was written (nothing to report)
        }
        var marked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (aborted.Register(() => marked.TrySetResult()))
        {
            try
            {
                await marked.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Bounded all the same: were it never to fire, a log line beats a handler held forever.
            }
        }
    }

    private static async Task ReadBodyAsync(HttpContext context, Func<ReadOnlyMemory<byte>, ValueTask> take)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            foreach (var segment in read.Buffer)
            {
                await take(segment);
            }
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool TryLengthAndSeed(HttpContext context, out long length, out System.Random seed)
    {
        var headers = context.Request.Headers;
        if (long.TryParse(headers["x-length"], NumberStyles.None, CultureInfo.InvariantCulture, out length)
            && int.TryParse(headers["x-seed"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
        {
            // Random with a seed is a fixed sequence: /random and /hash see the same bytes.
            seed = new System.Random(s);
            return true;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        seed = null!;
        return false;
    }

    private static IEnumerable<int> Chunks(long length)
    {
        for (var left = length; left > 0; left -= Chunk)
        {
            yield return (int)Math.Min(Chunk, left);
        }
    }
}

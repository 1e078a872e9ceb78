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
/// bytes, and <c>/transmit</c> echoes the request body.
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
            await writer.FlushAsync(context.RequestAborted);
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
        foreach (var size in Chunks(length))
        {
            seed.NextBytes(buffer.AsSpan(0, size));
            sha.AppendData(buffer, 0, size);
        }
        ArrayPool<byte>.Shared.Return(buffer);
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static async Task TransmitAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }
        context.Response.ContentType = "application/octet-stream";
        var reader = context.Request.BodyReader;
        var writer = context.Response.BodyWriter;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
            {
                Log.Warning($"/transmit: the client went away mid-body ({e.Message})");
                return;
            }
            foreach (var segment in read.Buffer)
            {
                await writer.WriteAsync(segment, context.RequestAborted);
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

using System.Security.Cryptography;

namespace Mirage.Runtime.KeyValue;

/// <summary>The <c>digest</c> of a value a store reads in place from a device: SHA-256 over its bytes, a chunk at a time.</summary>
public static class ChunkedDigest
{
    /// <summary>The most bytes one read brings in, so a large value never needs one large buffer.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>
    /// The SHA-256 of the <paramref name="size"/> bytes of <paramref name="key"/>'s value, which
    /// <paramref name="read"/> fills from an offset into a buffer (returning its failure's text, or null);
    /// a failed read is a storage error.
    /// </summary>
    public static async ValueTask<KvResult<byte[]>> Sha256Async(
        Key key, long size, Func<long, Memory<byte>, CancellationToken, ValueTask<string?>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[(int)Math.Min(ChunkSize, size)];
        for (long done = 0; done < size; done += chunk.Length)
        {
            var part = chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - done));
            if (await read(done, part, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return KvError.Storage(key, failed);
            }
            hash.AppendData(part.Span);
        }
        return hash.GetHashAndReset();
    }
}

using System.Security.Cryptography;
using Mirage.Runtime.Block;

namespace Mirage.Runtime.Ccm;

/// <summary>
/// A block device whose every sector is encrypted and authenticated with AES-CCM on the device under
/// it (upstream's <c>ccm_block</c>, mirage-block-ccm): half as many sectors of the same size, each
/// stored in two sectors below (<see cref="CcmSector"/>). A sector that does not decrypt (a wrong
/// key, a sector never written, any flipped bit) is a read error, never wrong data.
/// </summary>
public sealed class CcmBlock : IBlock, IDisposable
{
    private readonly IBlock _raw;
    private readonly AesCcm _aes;
    private readonly int _nonceLength;

    private CcmBlock(IBlock raw, AesCcm aes, int nonceLength)
    {
        _raw = raw;
        _aes = aes;
        _nonceLength = nonceLength;
        Info = raw.Info with { SizeSectors = raw.Info.SizeSectors / 2 };
    }

    /// <inheritdoc/>
    public BlockInfo Info { get; }

    /// <summary>
    /// Encrypts <paramref name="raw"/> with the key written in <paramref name="key"/> (hex, as the
    /// <c>--key</c> runtime argument gives it) and nonces of <paramref name="nonceLength"/> bytes
    /// (upstream's <c>?nonce_len</c>, 8 by default). Reads nothing: a wrong key shows on the first read.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes of hex, or the nonce length does not fit the sectors.</exception>
    public static CcmBlock Connect(IBlock raw, string key, int? nonceLength = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var secret = CcmKey.Parse(key);
        var nonce = nonceLength ?? CcmSector.DefaultNonceLength;
        if (CcmSector.CheckLayout(raw.Info.SectorSize, nonce) is { } problem)
        {
            throw new ArgumentException($"ccm_block: {problem}", nameof(nonceLength));
        }
        return new CcmBlock(raw, new AesCcm(secret), nonce);
    }

    /// <inheritdoc/>
    public async ValueTask<BlockError?> ReadAsync(long sectorStart, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: false, disconnected: false) is { } error)
        {
            return error;
        }
        var size = Info.SectorSize;
        var raw = new byte[buffer.Length * 2];
        if (await _raw.ReadAsync(sectorStart * 2, raw, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }
        for (var i = 0; i < buffer.Length / size; i++)
        {
            if (!CcmSector.TryOpen(_aes, _nonceLength, raw.AsSpan(i * 2 * size, 2 * size), buffer.Span.Slice(i * size, size)))
            {
                return new BlockError(
                    BlockErrorKind.Storage,
                    $"sector {sectorStart + i} does not decrypt: a wrong key, a sector never written, or altered data");
            }
        }
        return null;
    }

    /// <inheritdoc/>
    public async ValueTask<BlockError?> WriteAsync(long sectorStart, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: true, disconnected: false) is { } error)
        {
            return error;
        }
        var size = Info.SectorSize;
        var raw = new byte[buffer.Length * 2];
        var fill = new byte[size - CcmSector.TagSize];
        for (var i = 0; i < buffer.Length / size; i++)
        {
            RandomNumberGenerator.Fill(fill);
            CcmSector.Seal(_aes, _nonceLength, buffer.Span.Slice(i * size, size), fill, raw.AsSpan(i * 2 * size, 2 * size));
        }
        return await _raw.WriteAsync(sectorStart * 2, raw, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisconnectAsync() => _raw.DisconnectAsync();

    /// <summary>Forgets the key.</summary>
    public void Dispose() => _aes.Dispose();
}

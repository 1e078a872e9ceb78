using System.Security.Cryptography;

namespace Mirage.Runtime.Ccm;

/// <summary>
/// One sector of a <c>ccm_block</c> as mirage-block-ccm lays it out over two sectors of the device
/// under it: the first holds the first <c>sector_size</c> bytes of the AES-CCM ciphertext; the second
/// the 16-byte tag, then the random nonce (<c>nonce_len</c> bytes), then random associated data
/// filling the sector. Pure: the caller reads and writes the sectors.
/// </summary>
public static class CcmSector
{
    /// <summary>The tag length: upstream uses mirage-crypto's CCM16.</summary>
    public const int TagSize = 16;

    /// <summary>Upstream's default nonce length.</summary>
    public const int DefaultNonceLength = 8;

    /// <summary>
    /// Encrypts <paramref name="plain"/> (one sector) into <paramref name="raw"/> (two sectors),
    /// drawing the nonce and associated data from <paramref name="fill"/> (sector minus tag bytes).
    /// </summary>
    public static void Seal(AesCcm aes, int nonceLength, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> fill, Span<byte> raw)
    {
        var size = plain.Length;
        var second = raw.Slice(size, size);
        fill.CopyTo(second[TagSize..]);
        var nonce = second.Slice(TagSize, nonceLength);
        var adata = second[(TagSize + nonceLength)..];
        aes.Encrypt(nonce, plain, raw[..size], second[..TagSize], adata);
    }

    /// <summary>
    /// Decrypts the two sectors <paramref name="raw"/> into <paramref name="plain"/> (one sector);
    /// false when the tag does not match: a wrong key, a sector never written, or any altered bit.
    /// </summary>
    public static bool TryOpen(AesCcm aes, int nonceLength, ReadOnlySpan<byte> raw, Span<byte> plain)
    {
        var size = plain.Length;
        var cipher = raw[..size];
        var second = raw.Slice(size, size);
        try
        {
            aes.Decrypt(second[TagSize..(TagSize + nonceLength)], cipher, second[..TagSize], plain, second[(TagSize + nonceLength)..]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            plain.Clear();
            return false;
        }
    }

    /// <summary>The problem with sectors of <paramref name="sectorSize"/> bytes and nonces of <paramref name="nonceLength"/>, if any.</summary>
    public static string? CheckLayout(int sectorSize, int nonceLength)
    {
        if (nonceLength is < 7 or > 13)
        {
            return $"the nonce length is {nonceLength}: AES-CCM takes 7 to 13 bytes (upstream's default is {DefaultNonceLength})";
        }
        if (sectorSize <= (TagSize + nonceLength) * 2)
        {
            return $"sectors of {sectorSize} bytes cannot hold a {TagSize}-byte tag and a {nonceLength}-byte nonce";
        }
        return null;
    }
}

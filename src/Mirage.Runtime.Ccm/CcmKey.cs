using System.Globalization;

namespace Mirage.Runtime.Ccm;

/// <summary>Reads the key of a <c>ccm_block</c>: hex digits, optionally after <c>0x</c>, as upstream's connect code takes it.</summary>
public static class CcmKey
{
    /// <summary>
    /// The AES key written in <paramref name="hex"/>: 32, 48 or 64 hex digits (AES-128, -192, -256),
    /// with or without a leading <c>0x</c>; false, with what is wrong in <paramref name="error"/>, otherwise.
    /// </summary>
    public static bool TryParse(string? hex, out byte[] key, out string? error)
    {
        key = [];
        var digits = hex ?? "";
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        if (digits.Length == 0)
        {
            error = "the AES-CCM key is empty: give 32, 48 or 64 hex digits (AES-128, AES-192, AES-256)";
            return false;
        }
        if (digits.Length % 2 != 0 || !digits.All(Uri.IsHexDigit))
        {
            error = $"the AES-CCM key is not hex: give 32, 48 or 64 hex digits, not {digits.Length} characters";
            return false;
        }
        if (digits.Length is not (32 or 48 or 64))
        {
            error = $"the AES-CCM key has {digits.Length / 2} bytes: AES takes 16, 24 or 32 (32, 48 or 64 hex digits)";
            return false;
        }
        key = Convert.FromHexString(digits);
        error = null;
        return true;
    }

    /// <summary>
    /// Why <paramref name="hex"/> is not a key (see <see cref="TryParse"/>), or null: the check of the key's
    /// runtime argument, so that a bad key stops the program when it starts (exit 64), naming the option.
    /// </summary>
    public static string? Check(string? hex) => TryParse(hex, out _, out var error) ? null : error;

    /// <summary>The key written in <paramref name="hex"/> (see <see cref="TryParse"/>).</summary>
    /// <exception cref="ArgumentException">The text is not such a key; the message says why.</exception>
    public static byte[] Parse(string? hex) =>
        TryParse(hex, out var key, out var error) ? key : throw new ArgumentException($"ccm_block: {error}", nameof(hex));

    /// <summary>The key as lowercase hex, as upstream's tools print it.</summary>
    public static string Format(ReadOnlySpan<byte> key) => Convert.ToHexString(key).ToLower(CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;

namespace Mirage.Runtime.Git.Objects;

/// <summary>
/// A SHA-1 object name (20 bytes). SHA-1 only, as upstream's git-kv (its store is made with
/// Digestif.SHA1); repositories in the SHA-256 object format are refused when they advertise it.
/// </summary>
public readonly struct ObjectId : IEquatable<ObjectId>, IComparable<ObjectId>
{
    /// <summary>Bytes in an object name.</summary>
    public const int Size = 20;

    /// <summary>Hex digits in an object name.</summary>
    public const int HexLength = 40;

    private readonly byte[]? _bytes;

    private ObjectId(byte[] bytes) => _bytes = bytes;

    /// <summary>The name of no object (forty zeros), as push commands spell creation and deletion.</summary>
    public static ObjectId Zero { get; } = new(new byte[Size]);

    /// <summary>The 20 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes;

    /// <summary>The name from its 20 bytes.</summary>
    public static ObjectId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Size ? new(bytes.ToArray()) : throw new GitFormatException($"an object name is {Size} bytes, not {bytes.Length}");

    /// <summary>Parses 40 hex digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out ObjectId id)
    {
        id = default;
        if (hex.Length != HexLength)
        {
            return false;
        }
        var bytes = new byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }
        id = new(bytes);
        return true;
    }

    /// <summary>Parses 40 hex digits, or throws a <see cref="GitFormatException"/> naming <paramref name="what"/>.</summary>
    public static ObjectId Parse(ReadOnlySpan<char> hex, string what = "an object name") =>
        TryParse(hex, out var id) ? id : throw new GitFormatException($"{what}: expected 40 hex digits, got '{hex}'");

    /// <summary>The name of an object of <paramref name="kind"/> holding <paramref name="data"/>: SHA-1 of "kind size\0data".</summary>
    public static ObjectId Of(ObjectKind kind, ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(System.Text.Encoding.ASCII.GetBytes($"{kind.Name()} {data.Length}\0"));
        sha.AppendData(data);
        return new(sha.GetHashAndReset());
    }

    /// <inheritdoc/>
    public bool Equals(ObjectId other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ObjectId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    /// <inheritdoc/>
    public int CompareTo(ObjectId other) => Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>Equal names.</summary>
    public static bool operator ==(ObjectId left, ObjectId right) => left.Equals(right);

    /// <summary>Different names.</summary>
    public static bool operator !=(ObjectId left, ObjectId right) => !left.Equals(right);

    /// <summary>40 lower-case hex digits.</summary>
    public override string ToString() => Convert.ToHexStringLower(Bytes);
}

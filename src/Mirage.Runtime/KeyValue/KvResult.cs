using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// The outcome of a key/value read: a value, or the <see cref="KvError"/> that explains why there is
/// none. <c>if (result.TryGetValue(out var data, out var error)) ... else Log.Warn($"{error}")</c>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct KvResult<T>
{
    private readonly T _value;

    private KvResult(T value, KvError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The failure, or null on success.</summary>
    public KvError? Error { get; }

    /// <summary>True on success.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">The operation failed: check <see cref="IsOk"/> first.</exception>
    public T Value => IsOk ? _value : throw new InvalidOperationException($"the operation failed: {Error}");

    /// <summary>The value, or the error.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out KvError? error)
    {
        value = _value;
        error = Error;
        return IsOk;
    }

    /// <summary>A success.</summary>
    public static KvResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static KvResult<T> Fail(KvError error) => new(default!, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A success.</summary>
    public static implicit operator KvResult<T>(T value) => Ok(value);

    /// <summary>A failure.</summary>
    public static implicit operator KvResult<T>(KvError error) => Fail(error);

    /// <summary><c>Ok value</c> or <c>Error message</c>.</summary>
    public override string ToString() => IsOk ? $"Ok {_value}" : $"Error {Error}";
}

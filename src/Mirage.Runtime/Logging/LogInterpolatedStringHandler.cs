using System.Runtime.CompilerServices;

namespace Mirage.Runtime.Logging;

/// <summary>
/// Builds an interpolated log message only when its level is enabled: with
/// <c>Log.Debug($"got {packet}")</c> and debug off, the compiler skips every append, so nothing is
/// formatted or allocated. Written by the compiler, never by hand.
/// </summary>
/// <typeparam name="TLevel">The level of the method the message is passed to.</typeparam>
[InterpolatedStringHandler]
public ref struct LogInterpolatedStringHandler<TLevel>
    where TLevel : struct, ILogLevelTag
{
    private DefaultInterpolatedStringHandler _builder;

    /// <summary>Starts a message for <see cref="Log.Application"/>; <paramref name="isEnabled"/> false skips the appends.</summary>
    public LogInterpolatedStringHandler(int literalLength, int formattedCount, out bool isEnabled)
        : this(literalLength, formattedCount, Log.Application, out isEnabled)
    {
    }

    /// <summary>Starts a message for <paramref name="source"/>; <paramref name="isEnabled"/> false skips the appends.</summary>
    public LogInterpolatedStringHandler(int literalLength, int formattedCount, LogSource source, out bool isEnabled)
    {
        ArgumentNullException.ThrowIfNull(source);
        IsEnabled = isEnabled = source.IsEnabled(TLevel.Level);
        _builder = isEnabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    /// <summary>Whether the message is being built (its level was enabled when it started).</summary>
    internal bool IsEnabled { get; }

    /// <summary>Appends a literal part.</summary>
    public void AppendLiteral(string value) => _builder.AppendLiteral(value);

    /// <summary>Appends a value.</summary>
    public void AppendFormatted<T>(T value) => _builder.AppendFormatted(value);

    /// <summary>Appends a value with a format string.</summary>
    public void AppendFormatted<T>(T value, string? format) => _builder.AppendFormatted(value, format);

    /// <summary>Appends a value padded to an alignment.</summary>
    public void AppendFormatted<T>(T value, int alignment) => _builder.AppendFormatted(value, alignment);

    /// <summary>Appends a value with an alignment and a format string.</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format) =>
        _builder.AppendFormatted(value, alignment, format);

    /// <summary>Appends characters.</summary>
    public void AppendFormatted(scoped ReadOnlySpan<char> value) => _builder.AppendFormatted(value);

    /// <summary>Appends characters with an alignment.</summary>
    public void AppendFormatted(scoped ReadOnlySpan<char> value, int alignment = 0, string? format = null) =>
        _builder.AppendFormatted(value, alignment, format);

    /// <summary>Appends a string.</summary>
    public void AppendFormatted(string? value) => _builder.AppendFormatted(value);

    /// <summary>Appends a string with an alignment.</summary>
    public void AppendFormatted(string? value, int alignment = 0, string? format = null) =>
        _builder.AppendFormatted(value, alignment, format);

    /// <summary>Appends an object with an alignment.</summary>
    public void AppendFormatted(object? value, int alignment = 0, string? format = null) =>
        _builder.AppendFormatted(value, alignment, format);

    /// <summary>The message built so far; the handler is spent afterwards.</summary>
    internal string ToStringAndClear() => _builder.ToStringAndClear();
}

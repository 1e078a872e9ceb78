namespace Mirage.Runtime.Logging;

/// <summary>One <see cref="ILogLevelTag"/> per <see cref="LogLevel"/>.</summary>
public static class LogLevelTag
{
    /// <summary><see cref="LogLevel.App"/> as a type.</summary>
    public readonly struct App : ILogLevelTag
    {
        /// <inheritdoc />
        public static LogLevel Level => LogLevel.App;
    }

    /// <summary><see cref="LogLevel.Error"/> as a type.</summary>
    public readonly struct Error : ILogLevelTag
    {
        /// <inheritdoc />
        public static LogLevel Level => LogLevel.Error;
    }

    /// <summary><see cref="LogLevel.Warning"/> as a type.</summary>
    public readonly struct Warning : ILogLevelTag
    {
        /// <inheritdoc />
        public static LogLevel Level => LogLevel.Warning;
    }

    /// <summary><see cref="LogLevel.Info"/> as a type.</summary>
    public readonly struct Info : ILogLevelTag
    {
        /// <inheritdoc />
        public static LogLevel Level => LogLevel.Info;
    }

    /// <summary><see cref="LogLevel.Debug"/> as a type.</summary>
    public readonly struct Debug : ILogLevelTag
    {
        /// <inheritdoc />
        public static LogLevel Level => LogLevel.Debug;
    }
}

namespace Mirage.Runtime.Logging;

/// <summary>
/// A log level as a type, so that one interpolated-string handler serves every level method
/// (<see cref="LogInterpolatedStringHandler{TLevel}"/>). The tags are in <see cref="LogLevelTag"/>.
/// </summary>
public interface ILogLevelTag
{
    /// <summary>The level this type stands for.</summary>
    static abstract LogLevel Level { get; }
}

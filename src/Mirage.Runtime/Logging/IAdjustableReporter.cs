namespace Mirage.Runtime.Logging;

/// <summary>
/// A reporter whose thresholds can change while the unikernel runs (upstream's
/// <c>Mirage_runtime.set_level</c>, which mirage-monitoring's <c>L</c> command calls).
/// </summary>
public interface IAdjustableReporter : IReporter
{
    /// <summary>The thresholds in force: the default first (<c>info</c>), then each source that differs.</summary>
    LogThresholds Thresholds { get; }

    /// <summary>
    /// Applies <paramref name="logs"/> as <c>-l/--logs</c> would, over the current default: a
    /// source not named falls back to the default (or to the new one, given as <c>*:LEVEL</c>).
    /// </summary>
    void Adjust(LogThresholds logs);
}

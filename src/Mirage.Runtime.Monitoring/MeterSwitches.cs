namespace Mirage.Runtime.Monitoring;

/// <summary>
/// Which meters the monitoring device reports (upstream's metrics sources, enabled and disabled by
/// the <c>M</c> command): a default for every meter, and meters switched apart from it. Switching
/// the default (<c>M*:disable</c>) forgets the meters switched before, as upstream's
/// <c>disable_all</c> does, so that <c>M*:disable,Mirage.Dns:enable</c> leaves one meter on.
/// </summary>
public sealed class MeterSwitches
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _meters = new(StringComparer.Ordinal);
    private bool _all = true;

    /// <summary>Whether meters not switched apart are reported.</summary>
    public bool AllEnabled
    {
        get
        {
            lock (_lock)
            {
                return _all;
            }
        }
    }

    /// <summary>Whether <paramref name="meter"/> is reported.</summary>
    public bool IsEnabled(string meter)
    {
        lock (_lock)
        {
            return _meters.TryGetValue(meter, out var enabled) ? enabled : _all;
        }
    }

    /// <summary>Switches every meter.</summary>
    public void SetAll(bool enabled)
    {
        lock (_lock)
        {
            _all = enabled;
            _meters.Clear();
        }
    }

    /// <summary>Switches <paramref name="meter"/> alone.</summary>
    public void Set(string meter, bool enabled)
    {
        lock (_lock)
        {
            _meters[meter] = enabled;
        }
    }
}

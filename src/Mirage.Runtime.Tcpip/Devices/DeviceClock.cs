using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>
/// The timers of layers built one device at a time (what <see cref="Stack.DirectStack"/>'s one clock does for a whole
/// stack): each layer's <c>Tick</c> runs every 100 ms on the system clock for as long as the unikernel runs.
/// </summary>
internal static class DeviceClock
{
    private static readonly LogSource Log = new("tcpip-device");

    /// <summary>How often the layers' timers are looked at (as <see cref="Stack.DirectStackOptions.TickInterval"/>).</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    // A timer nothing refers to may be collected: the devices live as long as the process, so do their clocks.
    private static readonly List<ITimer> Running = [];

    /// <summary>Calls <paramref name="tick"/> every 100 ms; a failing tick is logged naming <paramref name="layer"/>.</summary>
    public static void Every(string layer, Action tick)
    {
        var timer = TimeProvider.System.CreateTimer(
            _ =>
            {
                try
                {
                    tick();
                }
                catch (Exception e)
                {
                    Log.Error($"a timer of the {layer} layer failed: {e}");
                }
            },
            null,
            Interval,
            Interval);
        lock (Running)
        {
            Running.Add(timer);
        }
    }
}

using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Monitoring;

/// <summary>
/// The commands mirage-monitoring answers on its listener, pure. <c>L</c> followed by thresholds
/// as <c>-l</c> takes them (<c>L*:debug</c>, <c>Ldns:error</c>, <c>L*:info,http:debug</c>) sets the
/// log levels, every source not named falling back to the current default, as upstream; <c>l</c>
/// reports them. <c>M</c> switches metrics sources, here .NET meters, on or off in the monitoring
/// push (<c>M*:disable,Mirage.Dns:enable</c>, <c>MMirage.Tcpip:off</c>, <c>src:NAME:on</c> as
/// upstream); <c>m</c> reports them (<c>m</c>: the default and the meters switched apart, <c>m*</c>:
/// every meter, <c>mA,B</c>: those). Upstream's <c>tag:</c> switches have no .NET counterpart and
/// are refused. The answer is <c>ok</c>, <c>ok: REPLY</c> or <c>error: WHY</c>.
/// </summary>
public static class MonitoringCommands
{
    /// <summary>The answer to <paramref name="command"/>, adjusting <paramref name="reporter"/>'s thresholds or the <paramref name="metrics"/> collector's switches.</summary>
    public static string Execute(string command, IAdjustableReporter? reporter, MetricsCollector? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command = command.TrimEnd('\r', '\n');
        if (command.Length == 0)
        {
            return "error: empty command";
        }
        return command[0] switch
        {
            'L' or 'l' => LogLevels(command, reporter),
            'M' or 'm' when metrics is null => "error: metrics sources cannot be switched on this unikernel",
            'M' => SwitchMetrics(command[1..], metrics!),
            'm' => ReportMetrics(command[1..], metrics!),
            _ => "error: unknown command",
        };
    }

    private static string LogLevels(string command, IAdjustableReporter? reporter)
    {
        if (reporter is null)
        {
            return "error: the reporter's levels cannot be adjusted";
        }
        try
        {
            if (command[0] == 'l')
            {
                return "ok: " + reporter.Thresholds;
            }
            if (!LogThresholds.TryParse(command[1..], out var thresholds, out var error))
            {
                return "error: " + error;
            }
            reporter.Adjust(thresholds);
            return "ok";
        }
        catch (NotSupportedException e)
        {
            return "error: " + e.Message;
        }
    }

    // Every item is parsed before any is applied: a bad one changes nothing.
    private static string SwitchMetrics(string items, MetricsCollector metrics)
    {
        var parsed = new List<(string? Meter, bool Enabled)>();
        foreach (var item in items.Split(','))
        {
            var parts = item.Split(':');
            (string? meter, string state)? switched = parts switch
            {
                [var state] => (null, state),
                ["*", var state] => (null, state),
                ["tag", _, _] => null,
                ["src", var meter, var state] => (meter, state),
                [var meter, var state] => (meter, state),
                _ => null,
            };
            if (parts is ["tag", _, _])
            {
                return $"error: metrics tags cannot be switched (.NET meters have no tags to switch): {item}";
            }
            if (switched is not { } s || s.meter is "")
            {
                return $"error: couldn't decode metrics {item}";
            }
            if (Enabled(s.state) is not { } enabled)
            {
                return $"error: couldn't decode 'enable' or 'disable': {s.state}";
            }
            parsed.Add((s.meter, enabled));
        }
        foreach (var (meter, enabled) in parsed)
        {
            if (meter is null)
            {
                metrics.Switches.SetAll(enabled);
            }
            else
            {
                metrics.Switches.Set(meter, enabled);
            }
        }
        return "ok";
    }

    private static string ReportMetrics(string query, MetricsCollector metrics)
    {
        var switches = metrics.Switches;
        var meters = metrics.Meters();
        IEnumerable<string> named;
        var all = $"*:{State(switches.AllEnabled)}";
        switch (query)
        {
            case "":
                named = meters.Where(m => switches.IsEnabled(m) != switches.AllEnabled).Prepend("*");
                break;
            case "*":
                named = meters.Prepend("*");
                break;
            default:
                var asked = query.Split(',');
                if (asked.FirstOrDefault(m => !meters.Contains(m, StringComparer.Ordinal)) is { } unknown)
                {
                    return $"error: unknown source: {unknown}";
                }
                named = asked;
                break;
        }
        return "ok: " + string.Join(",", named.Select(m => m == "*" ? all : $"{m}:{State(switches.IsEnabled(m))}"));
    }

    private static bool? Enabled(string state) => state.ToLowerInvariant() switch
    {
        "enable" or "on" => true,
        "disable" or "off" => false,
        _ => null,
    };

    private static string State(bool enabled) => enabled ? "enabled" : "disabled";
}

using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Monitoring;

/// <summary>
/// The commands mirage-monitoring answers on its listener, pure: <c>L</c> followed by thresholds
/// as <c>-l</c> takes them (<c>L*:debug</c>, <c>Ldns:error</c>, <c>L*:info,http:debug</c>) sets the
/// log levels, every source not named falling back to the current default, as upstream; <c>l</c>
/// reports them. The answer is <c>ok</c>, <c>ok: REPLY</c> or <c>error: WHY</c>.
/// </summary>
public static class MonitoringCommands
{
    /// <summary>The answer to <paramref name="command"/>, adjusting <paramref name="reporter"/>'s thresholds.</summary>
    public static string Execute(string command, IAdjustableReporter? reporter)
    {
        ArgumentNullException.ThrowIfNull(command);
        command = command.TrimEnd('\r', '\n');
        if (command.Length == 0)
        {
            return "error: empty command";
        }
        if (command[0] is not ('L' or 'l'))
        {
            return command[0] is 'M' or 'm'
                ? "error: metrics sources cannot be switched on this unikernel"
                : "error: unknown command";
        }
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
}

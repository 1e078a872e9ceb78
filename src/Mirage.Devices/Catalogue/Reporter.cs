using Mirage.Devices.Contract;
using Mirage.Devices.Conversion;
using Mirage.Runtime.Logging;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    private const string LogsArgument = "logs";

    /// <summary>
    /// The <c>-l/--logs</c> runtime argument (<c>*:info,src:debug</c>, <c>debug</c> or <c>quiet</c>),
    /// parsed by the runtime's own spec.
    /// </summary>
    public static readonly RuntimeArg Logs = new(
        LogsArgument,
        "Be more or less verbose: a level (quiet, app, error, warning, info, debug) for every source, "
        + "or comma-separated SRC:LEVEL thresholds, '*' naming every source.",
        RuntimeName.Of(nameof(Mirage.Runtime.Logging.LogThresholds)) + "?",
        RuntimeName.Of(nameof(Mirage.Runtime.Logging.LogThresholds.Argument)));

    /// <summary>
    /// Logs to the console (upstream's <c>default_reporter</c>). <paramref name="level"/> is the
    /// threshold of every source unless <c>--logs</c> says otherwise; <c>null</c> leaves the
    /// runtime's default. Every call makes a new device.
    /// </summary>
    public static Impl<Reporter> DefaultReporter(LogLevel? level = LogLevel.Info)
    {
        var levelCode = level is { } l ? $"{RuntimeName.Of(nameof(Mirage.Runtime.Logging.LogLevel))}.{l}" : "null";
        return Declare.Device(
            "ConsoleReporter",
            ModuleTypes.Reporter,
            runtimeArgs: [Logs],
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Logging.ConsoleReporter.Connect))}({levelCode}, {context.RuntimeArguments[LogsArgument]})");
    }

    /// <summary>A console reporter with no threshold and no <c>--logs</c> argument (upstream's <c>no_reporter</c>).</summary>
    public static readonly Impl<Reporter> NoReporter = Declare.Device(
        "NoReporter", ModuleTypes.Reporter, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Logging.ConsoleReporter.Connect))}(null, null)");
}

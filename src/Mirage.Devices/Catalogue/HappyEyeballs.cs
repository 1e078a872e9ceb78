using Mirage.Devices.Contract;
using System.Globalization;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// Happy eyeballs over a stack (upstream's <c>generic_happy_eyeballs</c>): a functor from
    /// <c>stackv4v6</c>. Each default (nanoseconds) can be changed at run time with upstream's
    /// <c>--he-aaaa-timeout</c>, <c>--he-connect-delay</c>, <c>--he-connect-timeout</c>,
    /// <c>--he-resolve-timeout</c>, <c>--he-resolve-retries</c>, <c>--he-timer-interval</c>
    /// (prefixed by <paramref name="group"/>); null keeps RFC 8305's/upstream's defaults (50 ms,
    /// 50 ms, 10 s, 1 s, 3, 10 ms). Host names are looked up by the DNS client connected to it.
    /// Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">A negative duration, or fewer than 1 resolve retries.</exception>
    public static Impl<Fn<StackV4V6, HappyEyeballs>> GenericHappyEyeballs(
        string group = "",
        long? aaaaTimeout = null,
        long? connectDelay = null,
        long? connectTimeout = null,
        long? resolveTimeout = null,
        int? resolveRetries = null,
        long? timerInterval = null)
    {
        foreach (var (name, value) in new[] { ("aaaa_timeout", aaaaTimeout), ("connect_delay", connectDelay), ("connect_timeout", connectTimeout), ("resolve_timeout", resolveTimeout), ("timer_interval", timerInterval) })
        {
            if (value is <= 0)
            {
                throw new ArgumentException($"generic_happy_eyeballs: {name} is a positive number of nanoseconds, not {value}", name);
            }
        }
        if (resolveRetries is < 1)
        {
            throw new ArgumentException($"generic_happy_eyeballs: resolve_retries is at least 1, not {resolveRetries}", nameof(resolveRetries));
        }
        var g = CSharpLiteral.String(group);
        RuntimeArg Arg(string name, string factory, long? value, string doc) =>
            new(GroupName(group, name), doc, "long?", $"{factory}({NullableLong(value)}, {g})");
        IReadOnlyList<RuntimeArg> args =
        [
            Arg("he-aaaa-timeout", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.AaaaTimeout)), aaaaTimeout, "AAAA timeout (in nanoseconds)."),
            Arg("he-connect-delay", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.ConnectDelay)), connectDelay, "Delay (in nanoseconds) between connection attempts."),
            Arg("he-connect-timeout", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.ConnectTimeout)), connectTimeout, "Connection establishment timeout (in nanoseconds)."),
            Arg("he-resolve-timeout", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.ResolveTimeout)), resolveTimeout, "DNS resolution timeout (in nanoseconds)."),
            new(GroupName(group, "he-resolve-retries"), "Amount of DNS resolution attempts.", "int?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.ResolveRetries))}({(resolveRetries is { } r ? r.ToString(CultureInfo.InvariantCulture) : "null")}, {g})"),
            Arg("he-timer-interval", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballsArgs.TimerInterval)), timerInterval, "Interval (in nanoseconds) of the happy eyeballs timer."),
        ];
        return Declare.Device(
            "HappyEyeballs",
            ModuleTypes.StackV4V6.To(ModuleTypes.HappyEyeballs),
            runtimeArgs: args,
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballs.Connect))}({context.Arguments[0]}, "
                + string.Join(", ", args.Select(a => context.RuntimeArguments[a.Name])) + ")");
    }

    private static string NullableLong(long? value) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) + "L" : "null";
}

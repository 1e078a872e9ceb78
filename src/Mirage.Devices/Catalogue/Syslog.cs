using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

// The phantom type of syslog reporters: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of syslog reporters (upstream's <c>syslog</c>).</summary>
    public sealed class Syslog
    {
        private Syslog() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>A syslog reporter: <c>Mirage.Runtime.Syslog.SyslogReporter</c>, null without <c>--syslog</c> (upstream's <c>syslog</c>).</summary>
        public static readonly Typ<Syslog> Syslog = new("syslog", RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogReporter)));
    }

    public static partial class Catalogue
    {
        private static readonly IReadOnlyList<Package> SyslogPackages = [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Syslog)))];

        /// <summary>
        /// Sends the logs to a syslog collector over UDP, one RFC 5424 message a datagram (upstream's
        /// <c>syslog_udp</c>). Depend on it (<c>main ~deps</c>) to install it: with <c>--syslog=IP</c> it
        /// replaces the console reporter, keeping <c>-l/--logs</c>; without, logs stay on the console.
        /// Runtime arguments <c>--syslog</c>, <c>--syslog-port</c> (514), <c>--syslog-truncate</c>,
        /// prefixed by <paramref name="group"/>. Every call makes a new device.
        /// </summary>
        public static Impl<Syslog> SyslogUdp(Impl<StackV4V6> stack, string group = "") => Declare.Apply(
            SyslogDevice("SyslogUdp", ModuleTypes.StackV4V6.To(ModuleTypes.Syslog), group, tls: false, RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogDevices.ConnectUdp))),
            stack);

        /// <summary>
        /// Like <see cref="SyslogUdp"/> over TCP, each message octet-counted (RFC 6587); a lost
        /// connection is reopened with backoff while messages wait in a bounded buffer (upstream's <c>syslog_tcp</c>).
        /// </summary>
        public static Impl<Syslog> SyslogTcp(Impl<StackV4V6> stack, string group = "") => Declare.Apply(
            SyslogDevice("SyslogTcp", ModuleTypes.StackV4V6.To(ModuleTypes.Syslog), group, tls: false, RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogDevices.ConnectTcp))),
            stack);

        /// <summary>
        /// Like <see cref="SyslogTcp"/> over TLS (upstream's <c>syslog_tls</c>): the collector's
        /// certificate must chain to <c>ca-roots.crt</c> of the <c>kv_ro</c>, and
        /// <c>--syslog-keyname=NAME</c> presents NAME.pem/NAME.key from it as the client's certificate.
        /// </summary>
        public static Impl<Syslog> SyslogTls(Impl<StackV4V6> stack, Impl<KvRo> kv, string group = "") => Declare.Apply(
            Declare.Apply(
                SyslogDevice(
                    "SyslogTls",
                    ModuleTypes.StackV4V6.To(ModuleTypes.KvRo.To(ModuleTypes.Syslog)),
                    group,
                    tls: true,
                    RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogDevices.ConnectTlsAsync))),
                stack),
            kv);

        private static Impl<T> SyslogDevice<T>(string name, Typ<T> type, string group, bool tls, string connect)
        {
            var g = CSharpLiteral.String(group);
            List<RuntimeArg> args =
            [
                new(GroupName(group, "syslog"), "The syslog collector's IP address.", "System.Net.IPAddress?",
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogArgs.Server))}({g})"),
                new(GroupName(group, "syslog-port"), "The syslog collector's port.", "int",
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogArgs.Port))}({g})"),
                new(GroupName(group, "syslog-truncate"), "Truncate syslog messages.", "int?",
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogArgs.Truncate))}({g})"),
            ];
            if (tls)
            {
                args.Add(new(GroupName(group, "syslog-keyname"), "TLS key name used for syslog.", "string?",
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Syslog.SyslogArgs.Keyname))}({g})"));
            }
            return Declare.Device(
                name,
                type,
                packages: SyslogPackages,
                runtimeArgs: args,
                connect: context =>
                {
                    var values = string.Join(", ", args.Select(a => context.RuntimeArguments[a.Name]));
                    var devices = string.Join(", ", context.Arguments);
                    var call = $"{connect}({devices}, {CSharpLiteral.String(context.Info.Name)}, {values}";
                    return tls ? $"await {call}, cancellationToken)" : call + ")";
                });
        }
    }
}

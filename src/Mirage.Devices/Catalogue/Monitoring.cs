using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// Metrics off the box (upstream's <c>monitoring ?group stack</c>, mirage-monitoring): with
    /// <c>--monitor=IP</c>, what the runtime's meters publish goes to IP:8094 every 10 s in InfluxDB
    /// line protocol, and TCP port 2323 takes commands that adjust log levels (<c>L*:debug</c>).
    /// A job: register it beside the others (or depend on it). Every call makes a new device.
    /// </summary>
    public static Impl<Job> Monitoring(Impl<StackV4V6> stack, string group = "")
    {
        var monitor = new RuntimeArg(
            GroupName(group, "monitor"),
            "The monitor server's IP address.",
            "System.Net.IPAddress?",
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Monitoring.MonitoringArgs.Monitor))}({CSharpLiteral.String(group)})");
        return Declare.Apply(
            Declare.Device(
                "Monitoring",
                ModuleTypes.StackV4V6.To(ModuleTypes.Job),
                packages: [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Monitoring)))],
                runtimeArgs: [monitor],
                connect: context =>
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Monitoring.MonitoringJob.Connect))}({context.Arguments[0]}, "
                    + $"{CSharpLiteral.String(context.Info.Name)}, {context.RuntimeArguments[monitor.Name]})"),
            stack);
    }
}

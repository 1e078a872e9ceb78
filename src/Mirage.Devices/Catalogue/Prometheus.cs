using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// The HTTP server <paramref name="server"/> that also answers <c>GET <paramref name="path"/></c>
    /// with the runtime's metrics in Prometheus text format 0.0.4, on every port the unikernel serves;
    /// other paths go to the unikernel's handler; null <paramref name="path"/> is <c>/metrics</c>. Not an upstream device (upstream has only the pushing
    /// <c>monitoring</c>): for those who scrape. Every call makes a new device.
    /// </summary>
    public static Impl<HttpServer> PrometheusMetrics(Impl<HttpServer> server, string? path = null)
    {
        path ??= Mirage.Runtime.Prometheus.PrometheusEndpoint.DefaultPath;
        if (!path.StartsWith('/') || path.Any(char.IsControl))
        {
            throw new ArgumentException($"prometheus_metrics: path is an absolute URL path such as \"/metrics\", not \"{path}\"", nameof(path));
        }
        return Declare.Apply(
            Declare.Device(
                "PrometheusMetrics",
                ModuleTypes.HttpServer.To(ModuleTypes.HttpServer),
                packages: [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Prometheus))), .. HttpPackages],
                connect: context =>
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Prometheus.PrometheusEndpoint.Connect))}({context.Arguments[0]}, {CSharpLiteral.String(path)})"),
            server);
    }
}

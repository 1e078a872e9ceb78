using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>What an HTTP server device adds to the generated project: Kestrel and Mirage's HTTP runtime.</summary>
    private static readonly IReadOnlyList<Package> HttpPackages =
        [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Http))), Package.Framework("Microsoft.AspNetCore.App")];

    private static readonly string KestrelConnect = RuntimeName.Of(nameof(Mirage.Runtime.Http.KestrelHttpServer.Connect));

    /// <summary>
    /// <c>--max-request-body-size=BYTES</c>, the largest request body an HTTP server accepts
    /// (Kestrel's 30,000,000 by default): larger ones are answered 413.
    /// </summary>
    private static readonly RuntimeArg MaxRequestBodySize = new(
        "max-request-body-size",
        "The largest request body the HTTP server accepts, in bytes; larger ones are answered 413.",
        "long",
        RuntimeName.Of(nameof(Mirage.Runtime.Http.HttpArgs.MaxRequestBodySize)) + "()");

    /// <summary>
    /// An HTTP server (HTTP/1.1, h2c, and TLS with ALPN for h2) on Kestrel over the TCP layer of
    /// <paramref name="tcp"/> (upstream's <c>paf_server</c>), with the runtime argument
    /// <c>--max-request-body-size</c>. Every call makes a new device.
    /// </summary>
    public static Impl<HttpServer> PafServer(Impl<TcpV4V6> tcp) => Declare.Apply(
        Declare.Device(
            "PafServer",
            ModuleTypes.TcpV4V6.To(ModuleTypes.HttpServer),
            packages: HttpPackages,
            runtimeArgs: [MaxRequestBodySize],
            connect: context => $"{KestrelConnect}({context.Arguments[0]}, {context.RuntimeArguments[MaxRequestBodySize.Name]})"),
        tcp);

    /// <summary>
    /// The same server over a conduit (upstream's <c>cohttp_server conduit</c>): HTTPS ports need the
    /// conduit to have TLS (<c>conduit_direct ~tls:true</c>); <c>--max-request-body-size</c> as
    /// <see cref="PafServer"/>. Every call makes a new device.
    /// </summary>
    public static Impl<Http> CohttpServer(Impl<Conduit> conduit) => Declare.Apply(
        Declare.Device(
            "CohttpServer",
            ModuleTypes.Conduit.To(ModuleTypes.Http),
            packages: HttpPackages,
            runtimeArgs: [MaxRequestBodySize],
            connect: context => $"{KestrelConnect}({context.Arguments[0]}, {context.RuntimeArguments[MaxRequestBodySize.Name]})"),
        conduit);
}

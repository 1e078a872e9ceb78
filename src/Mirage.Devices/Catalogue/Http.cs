using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>What an HTTP server device adds to the generated project: Kestrel and Mirage's HTTP runtime.</summary>
    private static readonly IReadOnlyList<Package> HttpPackages =
        [Package.RuntimeLibrary("Mirage.Runtime.Http"), Package.Framework("Microsoft.AspNetCore.App")];

    /// <summary>
    /// <c>--max-request-body-size=BYTES</c>, the largest request body an HTTP server accepts
    /// (Kestrel's 30,000,000 by default): larger ones are answered 413.
    /// </summary>
    private static readonly RuntimeArg MaxRequestBodySize = new(
        "max-request-body-size",
        "The largest request body the HTTP server accepts, in bytes; larger ones are answered 413.",
        "long",
        "Mirage.Runtime.Http.HttpArgs.MaxRequestBodySize()");

    /// <summary>
    /// An HTTP server (HTTP/1.1, h2c, and TLS with ALPN for h2) on Kestrel over the TCP layer of
    /// <paramref name="tcp"/> (upstream's <c>paf_server</c>), with the runtime argument
    /// <c>--max-request-body-size</c>. Every call makes a new device.
    /// </summary>
    public static Impl PafServer(Impl tcp) => Impl.Apply(
        Impl.Of(new Device(
            "PafServer",
            new ModuleType.Functor(ModuleTypes.TcpV4V6, ModuleTypes.HttpServer),
            packages: HttpPackages,
            runtimeArgs: [MaxRequestBodySize],
            connect: context => $"Mirage.Runtime.Http.KestrelHttpServer.Connect({context.Arguments[0]}, {context.RuntimeArguments[MaxRequestBodySize.Name]})")),
        tcp);

    /// <summary>
    /// The same server over a conduit (upstream's <c>cohttp_server conduit</c>): HTTPS ports need the
    /// conduit to have TLS (<c>conduit_direct ~tls:true</c>); <c>--max-request-body-size</c> as
    /// <see cref="PafServer"/>. Every call makes a new device.
    /// </summary>
    public static Impl CohttpServer(Impl conduit) => Impl.Apply(
        Impl.Of(new Device(
            "CohttpServer",
            new ModuleType.Functor(ModuleTypes.Conduit, ModuleTypes.Http),
            packages: HttpPackages,
            runtimeArgs: [MaxRequestBodySize],
            connect: context => $"Mirage.Runtime.Http.KestrelHttpServer.Connect({context.Arguments[0]}, {context.RuntimeArguments[MaxRequestBodySize.Name]})")),
        conduit);
}

using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>What an HTTP server device adds to the generated project: Kestrel and Mirage's HTTP runtime.</summary>
    private static readonly IReadOnlyList<Package> HttpPackages =
        [Package.RuntimeLibrary("Mirage.Runtime.Http"), Package.Framework("Microsoft.AspNetCore.App")];

    /// <summary>
    /// An HTTP server (HTTP/1.1, h2c, and TLS with ALPN for h2) on Kestrel over the TCP layer of
    /// <paramref name="tcp"/> (upstream's <c>paf_server</c>). Every call makes a new device.
    /// </summary>
    public static Impl PafServer(Impl tcp) => Impl.Apply(
        Impl.Of(new Device(
            "PafServer",
            new ModuleType.Functor(ModuleTypes.TcpV4V6, ModuleTypes.HttpServer),
            packages: HttpPackages,
            connect: context => $"Mirage.Runtime.Http.KestrelHttpServer.Connect({context.Arguments[0]})")),
        tcp);

    /// <summary>
    /// The same server over a whole stack (upstream's <c>cohttp_server</c>, which takes a conduit over
    /// a stack). Every call makes a new device.
    /// </summary>
    public static Impl CohttpServer(Impl stack) => Impl.Apply(
        Impl.Of(new Device(
            "CohttpServer",
            new ModuleType.Functor(ModuleTypes.StackV4V6, ModuleTypes.HttpServer),
            packages: HttpPackages,
            connect: context => $"Mirage.Runtime.Http.KestrelHttpServer.Connect({context.Arguments[0]})")),
        stack);
}

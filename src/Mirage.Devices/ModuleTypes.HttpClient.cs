using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class ModuleTypes
{
    /// <summary>
    /// A way to reach a host and port without knowing how: <c>Mirage.Runtime.Network.Mimic.Mimic</c>
    /// (upstream's <c>mimic</c>).
    /// </summary>
    public static readonly ModuleType Mimic = new ModuleType.Base("mimic", RuntimeName.Of(nameof(Mirage.Runtime.Network.Mimic.Mimic)));

    /// <summary>A host name resolver: <c>Mirage.Runtime.Network.Resolver.IResolver</c> (upstream's <c>resolver</c>).</summary>
    public static readonly ModuleType Resolver = new ModuleType.Base("resolver", RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.IResolver)));

    /// <summary>
    /// An HTTP client offering h2 and http/1.1 by ALPN: <c>System.Net.Http.HttpClient</c> (upstream's
    /// <c>alpn_client</c>).
    /// </summary>
    public static readonly ModuleType AlpnClient = new ModuleType.Base("alpn_client", RuntimeName.Of(nameof(System.Net.Http.HttpClient)));

    /// <summary>
    /// An HTTP/1.1 client over a resolver and a conduit: <c>System.Net.Http.HttpClient</c> (upstream's
    /// <c>http_client</c>, from <c>cohttp_client</c>).
    /// </summary>
    public static readonly ModuleType HttpClient = new ModuleType.Base("http_client", RuntimeName.Of(nameof(System.Net.Http.HttpClient)));
}

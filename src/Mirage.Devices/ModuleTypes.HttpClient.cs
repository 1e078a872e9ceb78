using Mirage.Devices.Contract;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of mimic, reaching a host and port without knowing how.</summary>
    public sealed class Mimic
    {
        private Mimic() { }
    }

    /// <summary>The module type of host name resolvers.</summary>
    public sealed class Resolver
    {
        private Resolver() { }
    }

    /// <summary>The module type of HTTP clients offering h2 and http/1.1 by ALPN.</summary>
    public sealed class AlpnClient
    {
        private AlpnClient() { }
    }

    /// <summary>The module type of HTTP/1.1 clients over a resolver and a conduit.</summary>
    public sealed class HttpClient
    {
        private HttpClient() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>
        /// A way to reach a host and port without knowing how: <c>Mirage.Runtime.Network.Mimic.Mimic</c>
        /// (upstream's <c>mimic</c>).
        /// </summary>
        public static readonly Typ<Mimic> Mimic = new("mimic", RuntimeName.Of(nameof(Mirage.Runtime.Network.Mimic.Mimic)));

        /// <summary>A host name resolver: <c>Mirage.Runtime.Network.Resolver.IResolver</c> (upstream's <c>resolver</c>).</summary>
        public static readonly Typ<Resolver> Resolver = new("resolver", RuntimeName.Of(nameof(Mirage.Runtime.Network.Resolver.IResolver)));

        /// <summary>
        /// An HTTP client offering h2 and http/1.1 by ALPN: <c>System.Net.Http.HttpClient</c> (upstream's
        /// <c>alpn_client</c>).
        /// </summary>
        public static readonly Typ<AlpnClient> AlpnClient = new("alpn_client", RuntimeName.Of(nameof(System.Net.Http.HttpClient)));

        /// <summary>
        /// An HTTP/1.1 client over a resolver and a conduit: <c>System.Net.Http.HttpClient</c> (upstream's
        /// <c>http_client</c>, from <c>cohttp_client</c>).
        /// </summary>
        public static readonly Typ<HttpClient> HttpClient = new("http_client", RuntimeName.Of(nameof(System.Net.Http.HttpClient)));
    }
}

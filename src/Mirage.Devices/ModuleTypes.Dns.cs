using Mirage.Devices.Contract;

// The phantom types that index Typ<T> and Impl<T>: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of DNS clients.</summary>
    public sealed class DnsClient
    {
        private DnsClient() { }
    }

    /// <summary>The module type of happy eyeballs connectors.</summary>
    public sealed class HappyEyeballs
    {
        private HappyEyeballs() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>A DNS client: <c>Mirage.Runtime.Network.Dns.DnsClient</c> (upstream's <c>dns_client</c>).</summary>
        public static readonly Typ<DnsClient> DnsClient = new("dns_client", RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsClient)));

        /// <summary>
        /// Happy eyeballs (RFC 8305) connection establishment:
        /// <c>Mirage.Runtime.Network.HappyEyeballs.HappyEyeballs</c> (upstream's <c>happy_eyeballs</c>).
        /// </summary>
        public static readonly Typ<HappyEyeballs> HappyEyeballs = new(
            "happy_eyeballs", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballs)));
    }
}

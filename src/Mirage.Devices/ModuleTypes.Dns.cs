using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class ModuleTypes
{
    /// <summary>A DNS client: <c>Mirage.Runtime.Network.Dns.DnsClient</c> (upstream's <c>dns_client</c>).</summary>
    public static readonly ModuleType DnsClient = new ModuleType.Base("dns_client", RuntimeName.Of(nameof(Mirage.Runtime.Network.Dns.DnsClient)));

    /// <summary>
    /// Happy eyeballs (RFC 8305) connection establishment:
    /// <c>Mirage.Runtime.Network.HappyEyeballs.HappyEyeballs</c> (upstream's <c>happy_eyeballs</c>).
    /// </summary>
    public static readonly ModuleType HappyEyeballs = new ModuleType.Base(
        "happy_eyeballs", RuntimeName.Of(nameof(Mirage.Runtime.Network.HappyEyeballs.HappyEyeballs)));
}

using System.Globalization;
using System.Text.RegularExpressions;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    private const string DnsNamespace = "Mirage.Runtime.Network.Dns";

    /// <summary>
    /// A DNS client over a stack and happy eyeballs (upstream's <c>generic_dns_client</c>): a
    /// functor from <c>stackv4v6</c> and <c>happy_eyeballs</c>, which it teaches to look host names
    /// up. Its runtime arguments are upstream's <c>--dns-servers</c> (comma-separated
    /// <c>udp:IP[:PORT]</c>/<c>tcp:IP[:PORT]</c>), <c>--dns-timeout</c> (nanoseconds) and
    /// <c>--dns-cache-size</c>, prefixed by <paramref name="group"/>; the values given here are
    /// their defaults (null: UncensoredDNS's resolvers, 5 s, 32). Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">A nameserver not in that syntax, a timeout that is not positive, a negative cache size.</exception>
    public static Impl GenericDnsClient(
        string group = "",
        long? timeout = null,
        IReadOnlyList<string>? nameservers = null,
        int? cacheSize = null)
    {
        foreach (var nameserver in nameservers ?? [])
        {
            if (!NameserverPattern().IsMatch(nameserver))
            {
                throw new ArgumentException(
                    $"generic_dns_client: nameserver '{nameserver}' is not udp:IP[:PORT] or tcp:IP[:PORT]", nameof(nameservers));
            }
        }
        if (timeout is <= 0)
        {
            throw new ArgumentException($"generic_dns_client: timeout is a positive number of nanoseconds, not {timeout}", nameof(timeout));
        }
        if (cacheSize is < 0)
        {
            throw new ArgumentException($"generic_dns_client: cache_size is 0 or more, not {cacheSize}", nameof(cacheSize));
        }
        var g = CSharpLiteral.String(group);
        var servers = nameservers is null
            ? "null"
            : $"new string[] {{ {string.Join(", ", nameservers.Select(CSharpLiteral.String))} }}";
        IReadOnlyList<RuntimeArg> args =
        [
            new(GroupName(group, "dns-servers"), "DNS servers.", "System.Collections.Generic.IReadOnlyList<string>?",
                $"{DnsNamespace}.DnsArgs.Servers({servers}, {g})"),
            new(GroupName(group, "dns-timeout"), "DNS timeout (in nanoseconds).", "long?",
                $"{DnsNamespace}.DnsArgs.Timeout({NullableLong(timeout)}, {g})"),
            new(GroupName(group, "dns-cache-size"), "DNS cache size.", "int?",
                $"{DnsNamespace}.DnsArgs.CacheSize({(cacheSize is { } c ? c.ToString(CultureInfo.InvariantCulture) : "null")}, {g})"),
        ];
        return Impl.Of(new Device(
            "DnsClient",
            new ModuleType.Functor(ModuleTypes.StackV4V6, new ModuleType.Functor(ModuleTypes.HappyEyeballs, ModuleTypes.DnsClient)),
            runtimeArgs: args,
            connect: context =>
                $"{DnsNamespace}.DnsClient.Connect({context.Arguments[0]}, {context.Arguments[1]}, "
                + string.Join(", ", args.Select(a => context.RuntimeArguments[a.Name])) + ")"));
    }

    // The shape only; the runtime reads the address itself and says what is wrong with it.
    [GeneratedRegex(@"^(udp|tcp):(\[[0-9A-Fa-f:.]+\](:\d{1,5})?|[0-9A-Fa-f:.]+)$")]
    private static partial Regex NameserverPattern();
}

// Fetches --uri through the stack's DNS client and happy eyeballs (paf_client over mimic), or with
// --cohttp through cohttp_client, resolver_dns and conduit_direct ~tls:true: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var cohttp = Key.Create("cohttp", Key.Arg.Flag(Key.Arg.Info(
    "Fetch with cohttp_client through resolver_dns and conduit_direct ~tls:true, not paf_client.")));

var uri = RuntimeArg("uri", ArgKind.String("https://mirageos.org"), doc: "The URI to fetch.");

var stack = Devices.GenericStackV4V6();

var happyEyeballs = Devices.GenericHappyEyeballs().Apply(stack);
var dns = Devices.GenericDnsClient().Apply(stack).Apply(happyEyeballs);
var mimic = Devices.MimicHappyEyeballs().Apply(stack).Apply(happyEyeballs).Apply(dns);
var withPaf = Main("Unikernel.Fetch", Typ.AlpnClient.To(Typ.Job), runtimeArgs: [uri])
    .Apply(Devices.PafClient().Apply(Devices.TcpV4V6OfStackV4V6().Apply(stack)).Apply(mimic));

var withCohttp = Main("Unikernel.Fetch", Typ.HttpClient.To(Typ.Job), runtimeArgs: [uri])
    .Apply(Devices.CohttpClient(Devices.ResolverDns(stack), Devices.ConduitDirect(stack, tls: true)));

Register("http-fetch", [IfImpl(Key.Value(cohttp), withCohttp, withPaf)]);

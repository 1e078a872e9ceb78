// Fetches --uri through the stack's DNS client and happy eyeballs (paf_client over mimic): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var uri = RuntimeArg("uri", ArgKind.String("https://mirageos.org"), doc: "The URI to fetch.");

var client = Main("Unikernel.Fetch", Typ.AlpnClient.To(Typ.Job), runtimeArgs: [uri]);

var stack = Devices.GenericStackV4V6();
var happyEyeballs = Devices.GenericHappyEyeballs().Apply(stack);
var dns = Devices.GenericDnsClient().Apply(stack).Apply(happyEyeballs);
var mimic = Devices.MimicHappyEyeballs().Apply(stack).Apply(happyEyeballs).Apply(dns);

Register("http-fetch", [client.Apply(Devices.PafClient().Apply(Devices.TcpV4V6OfStackV4V6().Apply(stack)).Apply(mimic))]);

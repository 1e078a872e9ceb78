// Resolves --domain-name through the DNS client over the stack: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var domainName = RuntimeArg("domain-name", ArgKind.OptString(), doc: "The domain-name to resolve.");

var unikernel = Main("Unikernel.Resolve", Typ.DnsClient.To(Typ.Job), runtimeArgs: [domainName]);

var requests = Devices.MakeDhcpRequests();
var (stack, lease) = Devices.GenericStackV4V6WithLease(dhcpRequests: requests);
var happyEyeballs = Devices.GenericHappyEyeballs().Apply(stack);

Register("dns", [unikernel.Apply(Devices.GenericDnsClient(dhcp: (requests, lease)).Apply(stack).Apply(happyEyeballs))]);

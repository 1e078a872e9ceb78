// Echoes every UDP datagram back to its sender on our own stack over a TAP interface: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var port = RuntimeArg("port", ArgKind.Port(7), doc: "The UDP port to echo on.");

var main = Main("Unikernel.UdpEcho", Typ.UdpV4V6.To(Typ.Job), runtimeArgs: [port]);

var net = Devices.DefaultNetwork();
var eth = Devices.Ethif(net);
var ipv4 = Devices.CreateIpv4(eth, Devices.Arp(eth));
var ipv6 = Devices.CreateIpv6(net, eth);

Register("udp-echo", [main.Apply(Devices.DirectUdp(Devices.CreateIpv4V6(ipv4, ipv6)))]);

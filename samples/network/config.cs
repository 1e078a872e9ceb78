// Logs each TCP connection's peer, reads once and closes (mirage-skeleton's device-usage/network):
// config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var port = RuntimeArg("port", ArgKind.Port(8080), doc: "The TCP port to listen on.");

var main = Main("Unikernel.Network", Typ.StackV4V6.To(Typ.Job), runtimeArgs: [port]);

Register("network", [main.Apply(Devices.GenericStackV4V6())]);

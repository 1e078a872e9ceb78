// A static website over HTTPS, plain HTTP redirecting to it (mirage-skeleton's
// static_website_tls): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var httpPort = RuntimeArg("http", ArgKind.Port(80), doc: "Listening HTTP port.");

var httpsPort = RuntimeArg("https", ArgKind.Port(443), doc: "Listening HTTPS port.");

var stack = Devices.GenericStackV4V6();

var data = Devices.GenericKvRo("htdocs", group: "data");

var httpsSrv = Devices.CohttpServer(Devices.ConduitDirect(stack, tls: true));

var certs = Devices.GenericKvRo("tls", group: "certs");

var main = Main("Dispatch.Https", Typ.KvRo.To(Typ.KvRo.To(Typ.Http.To(Typ.Job))), runtimeArgs: [httpPort, httpsPort]);

Register("static_website_tls", [main.Apply(data).Apply(certs).Apply(httpsSrv)]);

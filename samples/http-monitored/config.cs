// The http sample with syslog and monitoring (the `syslog` line and Devices.Monitoring) and /metrics (Devices.PrometheusMetrics): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var port = RuntimeArg("port", ArgKind.Port(8080), doc: "The port for HTTP/1.1.");

var h2cPort = RuntimeArg("h2c-port", ArgKind.Port(8081), doc: "The port for HTTP/2 in clear (prior knowledge).");

var tlsPort = RuntimeArg("tls-port", ArgKind.Port(4343), doc: "The port for HTTPS (with --cert and --key).");

var cert = RuntimeArg("cert", ArgKind.OptString(), doc: "The server's certificate chain (PEM file).");

var key = RuntimeArg("key", ArgKind.OptString(), doc: "The server's private key (PEM file).");

var stack = Devices.GenericStackV4V6();

var syslog = Devices.SyslogUdp(stack);

AbstractRuntimeArg[] httpArgs = [port, h2cPort, tlsPort, cert, key];

var main = Main("Unikernel.Http", Typ.HttpServer.To(Typ.Job), runtimeArgs: httpArgs, deps: [syslog]);

Register("http-monitored", [main.Apply(Devices.PrometheusMetrics(Devices.PafServer(Devices.TcpV4V6OfStackV4V6().Apply(stack)))), Devices.Monitoring(stack)]);

// A static website served from a tar archive on a block device, or with `--encrypted` from the
// same archive encrypted with AES-CCM: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var encrypted = Key.Create("encrypted", Key.Arg.Flag(Key.Arg.Info("Serve site.ccm, encrypted with AES-CCM, instead of site.tar.")));

var port = RuntimeArg("port", ArgKind.Port(8080), doc: "The HTTP port.");

var aesCcmKey = RuntimeArg("aes-ccm-key", ArgKind.RequiredString(), doc: "The key of the block device (hex formatted).");

var disk = IfImpl(Key.Value(encrypted), Devices.CcmBlock(aesCcmKey, Devices.BlockOfFile("site.ccm")), Devices.BlockOfFile("site.tar"));

var server = Devices.PafServer(Devices.TcpV4V6OfStackV4V6().Apply(Devices.GenericStackV4V6()));

var main = Main("Website.Serve", Typ.KvRo.To(Typ.HttpServer.To(Typ.Job)), runtimeArgs: [port]);

Register("tar-website", [main.Apply(Devices.TarKvRo(disk)).Apply(server)]);

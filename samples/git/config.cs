// Clones --remote over git:// or smart HTTP(S) into memory and prints --filename: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var remote = RuntimeArg("remote", ArgKind.String("git://127.0.0.1/repository.git"),
    doc: "The remote to clone: git:// or http(s)://host[:port]/path[#branch] (branch main by default).");

var filename = RuntimeArg("filename", ArgKind.String("README.md"), doc: "The file of the branch to print.");

var stack = Devices.GenericStackV4V6();
var happyEyeballs = Devices.GenericHappyEyeballs().Apply(stack);
var dns = Devices.GenericDnsClient().Apply(stack).Apply(happyEyeballs);
var mimic = Devices.MimicHappyEyeballs().Apply(stack).Apply(happyEyeballs).Apply(dns);
var tcp = Devices.TcpV4V6OfStackV4V6().Apply(stack);
var git = Devices.MergeGitClients(Devices.GitTcp().Apply(tcp).Apply(mimic), Devices.GitHttp().Apply(tcp).Apply(mimic));

var unikernel = Main("Unikernel.Main", Typ.GitClient.To(Typ.Job), runtimeArgs: [remote, filename]);

Register("git", [unikernel.Apply(git)]);

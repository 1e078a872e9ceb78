// The files of a FAT file system on a disk file (fat_ro), with their sizes and digests: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var cat = RuntimeArg("cat", ArgKind.OptString(), doc: "A file to write to the console, as PATH in the image.");

var main = Main("Unikernel.Files", Typ.KvRo.To(Typ.Job), runtimeArgs: [cat]);

Register("fat-files", [main.Apply(Devices.FatRo(Devices.BlockOfFile("disk.img")))]);

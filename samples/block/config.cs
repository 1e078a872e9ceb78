// Write and read-back checks on a block device backed by disk.img: config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main("Unikernel.Main", Typ.Block.To(Typ.Job));

Register("block", [main.Apply(Devices.BlockOfFile("disk.img"))]);

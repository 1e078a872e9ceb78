// Reads a file from the key/value store t/, embedded (--kv_ro=crunch) or read at run time
// (--kv_ro=direct): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var disk = Devices.GenericKvRo("t");

var main = Main("Unikernel.Main", Typ.KvRo.To(Typ.Job));

Register("kv_ro", [main.Apply(disk)]);

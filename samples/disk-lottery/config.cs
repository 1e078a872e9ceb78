// A lottery whose state lives in sectors of disk.img (mirage-skeleton's applications/disk-lottery):
// config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var resetAll = RuntimeArg("reset-all", ArgKind.Flag(), doc: "Reset all state on disk and quit.");

var slot = RuntimeArg("slot", ArgKind.Int64(0L), doc: "Sector to read and write game state to.");

var reset = RuntimeArg("reset", ArgKind.Flag(), doc: "Reset the state on disk at the specified slot (using --slot, default 0) and quit.");

var main = Main(
    "Unikernel.Main",
    Typ.Block.To(Typ.Job),
    packages: [Package("System.IO.Hashing", min: "8.0.0")],
    runtimeArgs: [resetAll, slot, reset]);

Register("disk-lottery", [main.Apply(Devices.BlockOfFile("disk.img"))]);

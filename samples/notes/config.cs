// Keeps notes in a chamelon (littlefs) store on notes.img across runs: config.fsx's C# twin
// (`mirage configure -f config.cs`).
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var programBlockSize = RuntimeArg("program-block-size", ArgKind.Int(16), doc: "The littlefs program block size.");

var note = RuntimeArg("note", ArgKind.OptString(), doc: "A note to keep.");

var main = Main("Unikernel.Notes", Typ.KvRw.To(Typ.Job), runtimeArgs: [note]);

Register("notes", [main.Apply(Devices.Chamelon(programBlockSize, Devices.BlockOfFile("notes.img")))]);

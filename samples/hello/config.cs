// Logs "hello" four times, one second apart (mirage-skeleton's tutorial/hello): config.fsx's C# twin.
// The #:project line is for editors and `dotnet run config.cs`; `mirage configure -f config.cs`
// compiles the config in process against its own Mirage assemblies.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));

Register("hello", [main.Apply(Devices.DefaultSleep)]);

// A unikernel that uses the library project Greeting/Greeting.csproj beside it (mirage-skeleton's
// tutorial/local-library): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main("Unikernel.Hello", Typ.Job, localLibs: ["Greeting/Greeting.csproj"]);

Register("local-library", [main]);

// hello, with what to say given at run time: `./dist/hello-key --hello="Bonjour !"`
// (mirage-skeleton's tutorial/hello-key). config.fsx's C# twin: `mirage configure -f config.cs`.
#:project ../../src/Mirage.Facade.CSharp

using System.Runtime.CompilerServices;
using Mirage.CSharp;
using Mirage.Devices.Arguments;
using Mirage.Engine.Model;
using static Mirage.CSharp.Dsl;

var hello = RuntimeArgKinds.String("Hello World!").Create("hello", "How to say hello.", location: Here());

var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job), runtimeArgs: [hello]);

Register("hello-key", [main.Apply(Devices.DefaultSleep)]);

// Where the caller is, for the #line directives of generated code (the facade's Main and Register
// take theirs the same way).
static SourceLocation Here([CallerFilePath] string file = "", [CallerLineNumber] int line = 0) => new(file, line);

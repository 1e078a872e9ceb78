// hello, with what to say given at run time: `./dist/hello-key --hello="Bonjour !"`
// (mirage-skeleton's tutorial/hello-key). config.fsx's C# twin: `mirage configure -f config.cs`.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var hello = RuntimeArg("hello", ArgKind.String("Hello World!"), doc: "How to say hello.");

var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job), runtimeArgs: [hello]);

Register("hello-key", [main.Apply(Devices.DefaultSleep)]);

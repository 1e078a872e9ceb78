// Two tasks at once (mirage-skeleton's tutorial/lwt/heads1 and heads2): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main("Unikernel.Heads", Typ.Sleep.To(Typ.Job));

Register("heads", [main.Apply(Devices.DefaultSleep)]);

// A task raced against a two-second timeout (mirage-skeleton's tutorial/lwt/timeout1 and
// timeout2): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var delay = RuntimeArg("delay", ArgKind.Int(-1), doc: "The task's time in milliseconds; negative: drawn at random below 3000.");

var main = Main("Unikernel.Timeout", Typ.Sleep.To(Typ.Random.To(Typ.Job)), runtimeArgs: [delay]);

Register("timeout", [main.Apply(Devices.DefaultSleep).Apply(Devices.DefaultRandom)]);

// A speaking clock (mirage-skeleton's device-usage/clock): config.fsx's C# twin.
// `mirage configure -f config.cs --mock-clocks` swaps in the mock clocks.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var mockClocks = Key.Create("mock-clocks", Key.Arg.Flag(Key.Arg.Info("Use the mock clocks, which only move when set.")));

var ticks = RuntimeArg("ticks", ArgKind.Int(3), doc: "How many times the clock speaks.");

var main = Main("Unikernel.SpeakingClock", Typ.PTime.To(Typ.MTime.To(Typ.Sleep.To(Typ.Job))), runtimeArgs: [ticks]);

var ptime = IfImpl(Key.Value(mockClocks), Devices.MockPTime, Devices.DefaultPTime);
var mtime = IfImpl(Key.Value(mockClocks), Devices.MockMTime, Devices.DefaultMTime);

Register("clock", [main.Apply(ptime).Apply(mtime).Apply(Devices.DefaultSleep)]);

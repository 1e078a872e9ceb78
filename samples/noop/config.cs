// The smallest unikernel: one job that does nothing. It exits 0 and prints nothing.
// config.fsx's C# twin: `mirage configure -f config.cs`.
using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

Register("noop", [Devices.Noop]);

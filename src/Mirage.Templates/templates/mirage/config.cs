// The unikernel's configuration: which devices it needs and how they plug together.
// `mirage configure` evaluates it with its own Mirage assemblies; `mirage build` builds dist/.

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main("Unikernel.Hello", Typ.Sleep.To(Typ.Job));

Register("mirage-unikernel", [main.Apply(Devices.DefaultSleep)]);

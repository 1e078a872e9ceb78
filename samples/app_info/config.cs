// What the unikernel knows about itself (mirage-skeleton's tutorial/app_info): config.fsx's C# twin.
#:project ../../src/Mirage.Facade.CSharp

using Mirage.CSharp;
using static Mirage.CSharp.Dsl;

var main = Main(
    "Unikernel.Info",
    Typ.AppInfo.To(Typ.Job),
    packages: [Package("Microsoft.Extensions.Primitives", min: "10.0.0", max: "11.0.0")]);

Register("app_info", [main.Apply(Devices.DefaultAppInfo(version: "1.0.0"))]);

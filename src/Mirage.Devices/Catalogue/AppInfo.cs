using System.Text;
using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// The unikernel's name, <paramref name="version"/> (null: none), target and the packages its
    /// devices resolved to, written into the generated program as data when it is configured
    /// (upstream's <c>app_info</c>). Every call makes a new device.
    /// </summary>
    public static Impl<AppInfo> DefaultAppInfo(string? version = null) =>
        Declare.Device("AppInfo", ModuleTypes.AppInfo, connect: context => AppInfoCode(context.Info, version));

    private static string AppInfoCode(ConfigureInfo info, string? version)
    {
        var code = new StringBuilder("new ").Append(RuntimeName.Of(nameof(Mirage.Runtime.Info.AppInfo))).Append('(');
        code.Append(CSharpLiteral.String(info.Name)).Append(", ");
        code.Append(version is null ? "null" : CSharpLiteral.String(version)).Append(", ");
        code.Append(CSharpLiteral.String(info.Target)).Append(", [");
        for (var i = 0; i < info.Packages.Count; i++)
        {
            var package = info.Packages[i];
            var range = package.Kind == PackageKind.NuGet ? CSharpLiteral.String(package.VersionRange) : "null";
            code.Append(i == 0 ? "" : ", ")
                .Append("new(").Append(CSharpLiteral.String(package.Name)).Append(", ").Append(range)
                .Append(", ").Append(PackageKindCode(package.Kind)).Append(')');
        }
        return code.Append("])").ToString();
    }

    private static string PackageKindCode(PackageKind kind) => kind switch
    {
        PackageKind.NuGet => RuntimeName.Of(nameof(Mirage.Runtime.Info.AppPackageKind.NuGet)),
        PackageKind.Framework => RuntimeName.Of(nameof(Mirage.Runtime.Info.AppPackageKind.Framework)),
        PackageKind.RuntimeLibrary => RuntimeName.Of(nameof(Mirage.Runtime.Info.AppPackageKind.RuntimeLibrary)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a package kind app_info does not know"),
    };
}

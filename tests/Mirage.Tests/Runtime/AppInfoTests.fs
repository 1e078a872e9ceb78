module Mirage.Tests.Runtime.AppInfoTests

open Expecto
open Mirage.Devices
open Mirage.Engine.Model
open Mirage.Runtime.Info

let private connectCode (impl: Mirage.CSharp.AbstractImpl) (info: ConfigureInfo) =
    match impl.Impl with
    | :? DeviceImpl as d ->
        d.Device.Connect.Invoke(ConnectContext(d.Device.ModuleName, [||], [||], readOnlyDict [], info))
    | other -> failtestf "expected a device, got %O" other

let private noKeys =
    { new IKeyEnvironment with
        member _.ValueOf key = key.Default
    }

[<Tests>]
let tests =
    testList
        "Runtime.AppInfo"
        [
            testCase "prints name, version, target and one line per package"
            <| fun () ->
                let info =
                    AppInfo(
                        "web",
                        "2.1.0",
                        "aot",
                        [|
                            AppPackage("Microsoft.AspNetCore.App", null, AppPackageKind.Framework)
                            AppPackage("Mirage.Runtime.Http", null, AppPackageKind.RuntimeLibrary)
                            AppPackage("Zstd", "[1.0,2.0)", AppPackageKind.NuGet)
                        |]
                    )

                Expect.equal
                    (string info)
                    "web 2.1.0 (aot)\npackages:\n  - Microsoft.AspNetCore.App (framework)\n  - Mirage.Runtime.Http (runtime library)\n  - Zstd [1.0,2.0)"
                    "the text"

            testCase "no version prints n/a, no package says none"
            <| fun () ->
                Expect.equal (string (AppInfo("noop", null, "unix", [||]))) "noop n/a (unix)\npackages: none" "the text"

            testCase "the device writes the configured name, target and packages into the program, escaped"
            <| fun () ->
                let packages =
                    [|
                        Package("Zstd", "1.0", "2.0")
                        Package.Framework "Microsoft.AspNetCore.App"
                        Package.RuntimeLibrary "Mirage.Runtime.Http"
                    |]

                let code =
                    connectCode
                        (Catalogue.DefaultAppInfo "1.0 \"beta\"")
                        (ConfigureInfo("hello", "unix", noKeys, packages))

                Expect.equal
                    code
                    ("new Mirage.Runtime.Info.AppInfo(\"hello\", \"1.0 \\\"beta\\\"\", \"unix\", ["
                     + "new(\"Zstd\", \"[1.0,2.0)\", Mirage.Runtime.Info.AppPackageKind.NuGet), "
                     + "new(\"Microsoft.AspNetCore.App\", null, Mirage.Runtime.Info.AppPackageKind.Framework), "
                     + "new(\"Mirage.Runtime.Http\", null, Mirage.Runtime.Info.AppPackageKind.RuntimeLibrary)])")
                    "the AppInfo expression"

                Expect.equal
                    (connectCode (Catalogue.DefaultAppInfo()) (ConfigureInfo("noop", "aot", noKeys, [||])))
                    "new Mirage.Runtime.Info.AppInfo(\"noop\", null, \"aot\", [])"
                    "no version, no package"

            testCase "every call makes a new device; its module type is app_info"
            <| fun () ->
                Expect.isFalse
                    (obj.ReferenceEquals(Catalogue.DefaultAppInfo(), Catalogue.DefaultAppInfo()))
                    "two devices"

                Expect.equal (Catalogue.DefaultAppInfo().Impl.Type) ModuleTypes.AppInfo.Type "app_info"
        ]

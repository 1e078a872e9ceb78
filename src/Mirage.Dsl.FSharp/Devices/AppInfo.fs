namespace Mirage

open Mirage.Devices

/// Phantom type of the devices that tell a unikernel about itself.
[<AbstractClass; Sealed>]
type app_info = class end

/// The <c>app_info</c> module type and its device.
[<AutoOpen>]
module AppInfoDevices =
    let private appInfoTyp = typ<app_info> ModuleTypes.AppInfo

    type Dsl with
        /// <summary>The module type of <c>Mirage.Runtime.Info.AppInfo</c> values.</summary>
        static member app_info: app_info typ = appInfoTyp

        /// <summary>
        /// The unikernel's name, <paramref name="version"/> (none by default), target and resolved
        /// packages, written into the program when it is configured (upstream's <c>app_info</c>):
        /// <c>main ("Unikernel.Info", app_info @-> job) $ default_app_info (version = "1.0.0")</c>.
        /// Every call makes a new device.
        /// </summary>
        static member default_app_info(?version: string) : app_info impl =
            impl<app_info>(Catalogue.AppInfo(Option.toObj version))

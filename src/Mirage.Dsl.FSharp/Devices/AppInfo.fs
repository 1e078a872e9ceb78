namespace Mirage

open Mirage.Devices

/// Phantom type of the devices that tell a unikernel about itself.
type app_info = Mirage.CSharp.AppInfo

/// The <c>app_info</c> module type and its device.
[<AutoOpen>]
module AppInfoDevices =
    type Dsl with
        /// <summary>The module type of <c>Mirage.Runtime.Info.AppInfo</c> values.</summary>
        static member app_info: app_info typ = ModuleTypes.AppInfo

        /// <summary>
        /// The unikernel's name, <paramref name="version"/> (none by default), target and resolved
        /// packages, written into the program when it is configured (upstream's <c>app_info</c>):
        /// <c>main ("Unikernel.Info", app_info @-> job) $ default_app_info (version = "1.0.0")</c>.
        /// Every call makes a new device.
        /// </summary>
        static member default_app_info(?version: string) : app_info impl =
            Catalogue.DefaultAppInfo(Option.toObj version)

namespace Mirage

open System
open Mirage.Devices

/// The catalogue's module types and devices, typed. One F# value per catalogue value, so that
/// a device used twice is one device.
module internal Catalog =

    let job = typ<job> ModuleTypes.Job
    let sleep = typ<sleep> ModuleTypes.Sleep
    let ptime = typ<ptime> ModuleTypes.PTime
    let mtime = typ<mtime> ModuleTypes.MTime
    let random = typ<random> ModuleTypes.Random
    let reporter = typ<reporter> ModuleTypes.Reporter
    let argv = typ<argv> ModuleTypes.Argv

    let default_sleep = impl<sleep> Catalogue.DefaultSleep
    let default_ptime = impl<ptime> Catalogue.DefaultPTime
    let default_mtime = impl<mtime> Catalogue.DefaultMTime
    let default_random = impl<random> Catalogue.DefaultRandom
    let no_reporter = impl<reporter> Catalogue.NoReporter
    let default_argv = impl<argv> Catalogue.DefaultArgv
    let no_argv = impl<argv> Catalogue.NoArgv
    let noop = impl<job> Catalogue.Noop

    let default_reporter (level: Logs.level) =
        impl<reporter>(Catalogue.DefaultReporter(Nullable(Logs.toCatalogue level)))

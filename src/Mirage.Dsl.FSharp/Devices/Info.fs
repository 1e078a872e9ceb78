namespace Mirage

open Mirage.Engine.Model

/// <summary>What connect code knows about the configuration (upstream's <c>Info.t</c>).</summary>
[<Sealed>]
type info internal (configure: ConfigureInfo) =

    /// The unikernel's name.
    member _.Name = configure.Name

    /// The target being configured.
    member _.Target: target = Target.ofName configure.Target

    /// Every package the configuration needs.
    member _.Packages: Package list = List.ofSeq configure.Packages

    /// The value of a configure key (upstream's <c>Info.get</c>).
    member _.Get(key: 'a key) : 'a =
        unbox<'a>(configure.Keys.ValueOf key.Key)

    /// The engine's view.
    member _.ConfigureInfo = configure

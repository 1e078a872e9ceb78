namespace Mirage

open Mirage.Devices.Arguments
open Mirage.Engine.Model

/// <summary>A runtime argument of any type, for the <c>runtime_args</c> lists of <c>main</c> and <c>impl</c>.</summary>
[<AbstractClass>]
type abstract_runtime_arg internal (arg: RuntimeArg) =

    /// The engine's runtime argument.
    member _.RuntimeArg = arg

    /// The argument's name: <c>--name=value</c> when the unikernel starts.
    member _.Name = arg.Name

    override _.ToString() = arg.Name

/// <summary>
/// A runtime argument whose values have type <c>'a</c>: parsed by the unikernel when it starts and
/// handed to the devices that list it. Make one with <c>runtime_arg</c>.
/// </summary>
[<Sealed>]
type 'a runtime_arg internal (arg: RuntimeArg) =
    inherit abstract_runtime_arg(arg)

/// <summary>
/// The kinds of runtime arguments, each with its default: <c>Runtime_arg.string "Hello World!"</c>;
/// the <c>required_</c> ones have none, and the unikernel refuses to start without them.
/// </summary>
module Runtime_arg =

    /// <summary>A kind of runtime argument and its default, for <c>runtime_arg</c>.</summary>
    [<Sealed>]
    type 'a conv
        internal (create: string -> string -> string option -> SourceLocation | null -> RuntimeArg, csharpType: string)
        =

        /// The C# type of the argument's value in the generated program.
        member _.CSharpType = csharpType

        member internal _.Create(name, doc, docv, location) = create name doc docv location

    let private ofKind (kind: RuntimeArgKind<'t>) : 'a conv =
        conv<'a>((fun name doc docv location -> kind.Create(name, doc, Option.toObj docv, location)), kind.CSharpType)

    /// A string, <paramref name="default"/> when not given.
    let string (``default``: string) : string conv =
        ofKind (RuntimeArgKinds.String ``default``)

    /// A string, <c>None</c> (C# <c>null</c>) when not given.
    let opt_string: string option conv = ofKind (RuntimeArgKinds.OptString())

    /// A 32-bit integer, <paramref name="default"/> when not given.
    let int (``default``: int) : int conv =
        ofKind (RuntimeArgKinds.Int ``default``)

    /// A TCP or UDP port (1 to 65535, anything else refused when the unikernel starts), <paramref name="default"/> when not given.
    let port (``default``: int) : int conv =
        ofKind (RuntimeArgKinds.Port ``default``)

    /// A 64-bit integer, <paramref name="default"/> when not given.
    let int64 (``default``: int64) : int64 conv =
        ofKind (RuntimeArgKinds.Int64 ``default``)

    /// A double-precision number, <paramref name="default"/> when not given.
    let float (``default``: float) : float conv =
        ofKind (RuntimeArgKinds.Float ``default``)

    /// <summary><c>--name=true|false</c>, <paramref name="default"/> when not given.</summary>
    let bool (``default``: bool) : bool conv =
        ofKind (RuntimeArgKinds.Bool ``default``)

    /// <summary><c>--name</c>: true when present.</summary>
    let flag: bool conv = ofKind (RuntimeArgKinds.Flag())

    /// <summary>A string the unikernel cannot start without (upstream's <c>Arg.required</c>): exit 64, naming it.</summary>
    let required_string: string conv = ofKind (RuntimeArgKinds.RequiredString())

    /// A 32-bit integer the unikernel cannot start without.
    let required_int: int conv = ofKind (RuntimeArgKinds.RequiredInt())

    /// A 64-bit integer the unikernel cannot start without.
    let required_int64: int64 conv = ofKind (RuntimeArgKinds.RequiredInt64())

    /// A double-precision number the unikernel cannot start without.
    let required_float: float conv = ofKind (RuntimeArgKinds.RequiredFloat())

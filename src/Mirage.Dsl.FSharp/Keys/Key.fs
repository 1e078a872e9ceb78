namespace Mirage

open System.Runtime.CompilerServices
open Mirage.Devices.Conversion
open Mirage.Engine.Model
open Mirage.Engine.Targets

/// <summary>
/// Configure keys and the values computed from them (upstream's <c>Key</c>): describe a key with
/// <c>Key.Arg</c>, make it with <c>Key.create</c>, read it with <c>Key.value</c>.
/// </summary>
module Key =

    /// <summary>How values of type <c>'a</c> are parsed, printed and written into C#.</summary>
    type 'a converter = Converter<'a>

    /// <summary>A key's help text: upstream's <c>Key.Arg.info</c>.</summary>
    type info = { Doc: string; Docv: string option }

    /// <summary>What a key reads and its default: upstream's <c>'a Key.Arg.t</c>.</summary>
    type 'a arg =
        internal
            {
                Converter: 'a converter
                Default: 'a
                Info: info
            }

    /// <summary>
    /// Describes keys: <c>Key.Arg.opt (Key.Arg.string, "Hello World!", Key.Arg.info "How to say hello.")</c>.
    /// </summary>
    [<AbstractClass; Sealed>]
    type Arg =

        /// Any string.
        static member string: string converter = Converters.String

        /// <c>true</c> or <c>false</c>.
        static member bool: bool converter = Converters.Bool

        /// A 32-bit integer.
        static member int: int converter = Converters.Int

        /// A 64-bit integer.
        static member int64: int64 converter = Converters.Int64

        /// A double-precision number.
        static member float: float converter = Converters.Float

        /// <summary>One of the named values: <c>Key.Arg.enum [ "small", Small; "large", Large ]</c>.</summary>
        static member enum(cases: (string * 'a) list) : 'a converter =
            Converters.Enum(cases |> List.map (fun (name, value) -> struct (name, value)))

        /// <summary>Help text for a key; <paramref name="docv"/> overrides what a value looks like (<c>STRING</c>).</summary>
        static member info(doc: string, ?docv: string) : info = { Doc = doc; Docv = docv }

        /// <summary>A key with a value, <paramref name="default"/> when not given.</summary>
        static member opt(converter: 'a converter, ``default``: 'a, info: info) : 'a arg =
            {
                Converter = converter
                Default = ``default``
                Info = info
            }

        /// <summary>A boolean key, false unless given.</summary>
        static member flag(info: info) : bool arg =
            {
                Converter = Converters.Bool
                Default = false
                Info = info
            }

    /// Forgets a key's type, for the <c>keys</c> lists of <c>main</c> and <c>impl</c> (upstream's <c>Key.v</c>).
    let v (key: 'a key) : abstract_key = key

    /// The value of a key.
    let value (key: 'a key) : 'a value =
        Value.ofKeyValue<'a>(KeyValue.Of key.Key)

    /// A value that reads no key (upstream's <c>Key.pure</c>; in F# <c>pure</c> is reserved, so write
    /// <c>Key.``pure``</c> or use <c>Key.constant</c>).
    let ``pure`` (x: 'a) : 'a value =
        Value.ofKeyValue<'a>(KeyValue.Pure(Boxing.toObj x))

    /// A value that reads no key: <c>Key.pure</c> without the backquotes.
    let constant (x: 'a) : 'a value = ``pure`` x

    /// Applies a function to a value.
    let map (f: 'a -> 'b) (v: 'a value) : 'b value =
        Value.ofKeyValue<'b>(v.KeyValue.Map(fun x -> Boxing.toObj (f (unbox<'a> x))))

    /// Combines two values.
    let map2 (f: 'a -> 'b -> 'c) (a: 'a value) (b: 'b value) : 'c value =
        Value.ofKeyValue<'c>(
            KeyValue.Map2(a.KeyValue, b.KeyValue, fun x y -> Boxing.toObj (f (unbox<'a> x) (unbox<'b> y)))
        )

    /// Negates a boolean value.
    let not (v: bool value) : bool value = map not v

    /// The target being configured (upstream's <c>Key.target</c>), from <c>mirage configure -t unix|aot</c>.
    let target: target value =
        Value.ofKeyValue<target>(
            KeyValue.Of(KnownTargets.Key).Map(fun name -> Boxing.toObj (Target.ofName (unbox<string> name)))
        )

    /// Evaluates a value once its keys are resolved (upstream's <c>Key.eval</c>).
    let eval (keys: IKeyEnvironment) (v: 'a value) : 'a = unbox<'a>(v.KeyValue.Evaluate keys)

/// <summary>Makes configure keys: upstream's <c>Key.create</c>.</summary>
[<AbstractClass; Sealed>]
type Key =

    /// <summary>
    /// The configure key <c>--name</c>, described by <paramref name="arg"/>:
    /// <c>Key.create ("hello", Key.Arg.opt (Key.Arg.string, "Hello World!", Key.Arg.info "How to say hello."))</c>.
    /// Keys with one name are one key when their declarations agree.
    /// </summary>
    /// <param name="name">The key's name: lowercase letters, digits, '-' or '_', starting with a letter.</param>
    /// <param name="arg">What the key reads, its default and its help text, from <c>Key.Arg</c>.</param>
    /// <param name="file">Filled in by the compiler: where the key is declared, for errors.</param>
    /// <param name="line">Filled in by the compiler.</param>
    static member create
        (name: string, arg: 'a Key.arg, [<CallerFilePath>] ?file: string, [<CallerLineNumber>] ?line: int)
        : 'a key =
        let engineKey =
            arg.Converter.CreateKey(
                name,
                arg.Default,
                arg.Info.Doc,
                Option.toObj arg.Info.Docv,
                Location.ofCaller file line
            )

        key<'a> engineKey

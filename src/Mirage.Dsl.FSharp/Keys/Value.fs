namespace Mirage

open Mirage.Engine.Model

/// <summary>
/// A value computed from configure keys, known once <c>mirage configure</c> has resolved them:
/// upstream's <c>'a Key.value</c>. Build it with <c>Key.value</c>, <c>Key.pure</c>, <c>Key.map</c>,
/// <c>&amp;&amp;&amp;</c> and <c>|||</c>; choose devices with it in <c>if_impl</c> and <c>match_impl</c>.
/// </summary>
[<Sealed>]
type 'a value internal (keyValue: KeyValue) =

    /// The engine's term.
    member _.KeyValue = keyValue

    /// Both values are true.
    static member (&&&)(a: bool value, b: bool value) : bool value =
        value<bool>(KeyValue.Map2(a.KeyValue, b.KeyValue, fun x y -> Boxing.toObj (unbox<bool> x && unbox<bool> y)))

    /// Either value is true.
    static member (|||)(a: bool value, b: bool value) : bool value =
        value<bool>(KeyValue.Map2(a.KeyValue, b.KeyValue, fun x y -> Boxing.toObj (unbox<bool> x || unbox<bool> y)))

module internal Value =

    let ofKeyValue<'a> (keyValue: KeyValue) = value<'a> keyValue

namespace Mirage

open Mirage.Engine.Model

/// The operators of the functor algebra and the choices made by configure keys.
[<AutoOpen>]
module Combinators =

    /// <summary>The functor type from <paramref name="argument"/> to <paramref name="result"/>: <c>sleep @-> job</c>.</summary>
    let (@->) (argument: 'a typ) (result: 'b typ) : ('a -> 'b) typ =
        typ<'a -> 'b>(ModuleType.Functor(argument.Type, result.Type))

    /// <summary>Applies a functor to a device of its argument type: <c>main $ default_sleep</c>.</summary>
    let ($) (functor: ('a -> 'b) impl) (argument: 'a impl) : 'b impl =
        impl<'b>(Impl.Apply(functor.Impl, argument.Impl))

    /// <summary>Upstream's <c>if_impl</c>: <paramref name="ifTrue"/> when the condition holds once keys are resolved, else <paramref name="ifFalse"/>.</summary>
    let if_impl (condition: bool value) (ifTrue: 'a impl) (ifFalse: 'a impl) : 'a impl =
        impl<'a>(IfImpl(condition.KeyValue, ifTrue.Impl, ifFalse.Impl))

    /// <summary>
    /// Upstream's <c>match_impl</c>: the device of the first case equal to the value once keys are
    /// resolved, else <paramref name="otherwise"/>:
    /// <c>match_impl Key.target [ Unix, a; Aot, b ] a</c>.
    /// </summary>
    let match_impl (value: 'b value) (cases: ('b * 'a impl) list) (otherwise: 'a impl) : 'a impl =
        let cases =
            cases |> List.map (fun (b, i) -> struct (Boxing.toObj b, i.Impl)) |> ResizeArray

        impl<'a>(MatchImpl(value.KeyValue, cases, otherwise.Impl))

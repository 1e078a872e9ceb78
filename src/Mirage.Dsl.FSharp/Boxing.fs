namespace Mirage

/// Values crossing into the engine, which holds key values as <c>obj</c>.
module internal Boxing =

    /// Boxes a value; F# represents some values (<c>None</c>, <c>()</c>) as null, which the engine
    /// stores like any other value.
    let toObj (x: 'a) : obj =
        match box x with
        | null -> Unchecked.defaultof<obj>
        | o -> o

namespace Mirage.Testing

open Mirage.Engine.Model

/// <summary>
/// The values a configure key can take, as command-line text: both values of a boolean key, every
/// name of an enumeration (read from its help text <c>a|b|c</c>, each checked by parsing it back),
/// else its default and the values the tests supply.
/// </summary>
module KeyDomain =

    let private parses (key: Key) (text: string) =
        let ok, value, _ = key.TryParse text
        ok && key.Print(nonNull value) = text

    /// The finite domain the key's own declaration shows, if any.
    let declared (key: Key) : string list option =
        match key.Default with
        | :? bool -> Some [ "true"; "false" ]
        | _ ->
            let names = key.Docv.Split '|' |> List.ofArray

            if names.Length > 1 && List.forall (parses key) names then
                Some names
            else
                None

    /// <summary>
    /// The values to try for <paramref name="key"/>: its declared domain, or its default, plus the
    /// <paramref name="supplied"/> values (each must parse).
    /// </summary>
    /// <exception cref="System.ArgumentException">A supplied value does not parse.</exception>
    let values (supplied: string list) (key: Key) : string list =
        for text in supplied do
            let ok, _, error = key.TryParse text

            if not ok then
                invalidArg
                    (nameof supplied)
                    $"the value '{text}' given for the key '{key.Name}' does not parse: {error}"

        let own = declared key |> Option.defaultWith (fun () -> [ key.Print key.Default ])

        List.distinct (own @ supplied)

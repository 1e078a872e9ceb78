namespace Mirage.Testing

/// <summary>
/// What <c>mirage configure</c> is asked: a target and the configure keys given on its command line
/// (every other key keeps its default).
/// </summary>
type Assignment =
    {
        /// <c>unix</c> or <c>aot</c>.
        Target: string
        /// Key name and value as text, in the order given.
        Keys: (string * string) list
    }

    /// The value given for a key, if any.
    member this.TryFind(key: string) =
        this.Keys |> List.tryFind (fst >> (=) key) |> Option.map snd

    /// As on the command line: <c>-t aot --size=large</c>.
    override this.ToString() =
        [ yield $"-t {this.Target}"; for key, value in this.Keys -> $"--{key}={value}" ]
        |> String.concat " "

/// <summary>
/// Values to try for configure keys, by key name, beyond what each key's declaration shows: needed
/// for keys with no finite domain (strings, numbers), which otherwise only take their default.
/// </summary>
type SuppliedValues = System.Collections.Generic.IReadOnlyDictionary<string, string array>

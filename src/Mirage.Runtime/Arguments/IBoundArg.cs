namespace Mirage.Runtime.Arguments;

/// <summary>What <see cref="ArgParser"/> needs of an <see cref="Arg{T}"/>, whatever its value type.</summary>
internal interface IBoundArg
{
    IReadOnlyList<string> Names { get; }

    string Doc { get; }

    string Docv { get; }

    ArgArity Arity { get; }

    /// <summary>Whether the command line must give it.</summary>
    bool IsRequired { get; }

    /// <summary>The default as command-line text, or null when there is none to show.</summary>
    string? DefaultText { get; }

    /// <summary>
    /// Reads <paramref name="text"/> (null: the implied value) into a pending value, which
    /// <see cref="Commit"/> makes the argument's value once the whole command line is valid.
    /// </summary>
    bool TryStage(string? text, out string? error);

    /// <summary>Why the value the argument would take without its option will not do, or null (see <see cref="ArgSpec{T}.Refine"/>).</summary>
    string? CheckDefault();

    /// <summary>Makes the pending value, if any, the argument's value.</summary>
    void Commit();

    /// <summary>Forgets the pending value.</summary>
    void Discard();
}

namespace Mirage.Runtime.Arguments;

/// <summary>A runtime argument bound to a parser (<see cref="ArgParser.Add{T}"/>): its value.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class Arg<T> : IBoundArg
{
    private T _pending;
    private bool _hasPending;

    internal Arg(ArgSpec<T> spec)
    {
        Spec = spec;
        Value = spec.Default;
        _pending = spec.Default;
    }

    /// <summary>The declaration this argument was made from.</summary>
    public ArgSpec<T> Spec { get; }

    /// <summary>The value given on the command line; the default until <see cref="ArgParser.Parse"/> sets it.</summary>
    public T Value { get; private set; }

    /// <summary>Whether the last successful <see cref="ArgParser.Parse"/> found the option on the command line.</summary>
    public bool IsPresent { get; private set; }

    IReadOnlyList<string> IBoundArg.Names => Spec.Names;

    string IBoundArg.Doc => Spec.Doc;

    string IBoundArg.Docv => Spec.Docv;

    ArgArity IBoundArg.Arity => Spec.Arity;

    bool IBoundArg.IsRequired => Spec.IsRequired;

    string? IBoundArg.DefaultText =>
        Spec.Arity == ArgArity.None || Spec.IsRequired || Spec.Default is null ? null : Spec.Print(Spec.Default);

    bool IBoundArg.TryStage(string? text, out string? error)
    {
        if (text is null)
        {
            _pending = Spec.ImpliedValue;
        }
        else if (Spec.TryParse(text, out var value, out error))
        {
            _pending = value;
        }
        else
        {
            return false;
        }

        _hasPending = true;
        error = null;
        return true;
    }

    string? IBoundArg.CheckDefault() => Spec.IsRequired ? null : Spec.Check?.Invoke(Spec.Default);

    void IBoundArg.Commit()
    {
        Value = _hasPending ? _pending : Spec.Default;
        IsPresent = _hasPending;
        _hasPending = false;
    }

    void IBoundArg.Discard()
    {
        _pending = Spec.Default;
        _hasPending = false;
    }

    /// <summary>The value as command-line text.</summary>
    public override string ToString() => Spec.Print(Value);
}

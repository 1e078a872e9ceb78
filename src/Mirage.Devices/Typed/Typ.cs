using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>A module type indexed by the phantom type <typeparamref name="T"/> (upstream's <c>'a typ</c>).</summary>
public sealed class Typ<T>
{
    /// <summary>Types an engine module type: only the catalogue and the front ends make one.</summary>
    internal Typ(ModuleType type) => Type = type;

    /// <summary>A module type of the catalogue: its name and the runtime type its devices' connect code returns.</summary>
    internal Typ(string name, string csharpType) : this(new ModuleType.Base(name, csharpType)) { }

    /// <summary>The engine's module type.</summary>
    public ModuleType Type { get; }

    /// <summary>The functor type from this type to <paramref name="result"/> (upstream's <c>@-&gt;</c>).</summary>
    public Typ<Fn<T, TResult>> To<TResult>(Typ<TResult> result) => new(new ModuleType.Functor(Type, result.Type));

    /// <inheritdoc/>
    public override string ToString() => Type.ToString();
}

/// <summary>The module type of a functor from <typeparamref name="TArg"/> to <typeparamref name="TResult"/>.</summary>
public sealed class Fn<TArg, TResult>
{
    private Fn() { }
}

using Mirage.Engine.Model;

// The typed device model both front ends use as it is. Its namespace is the one C# configs and their
// compile errors have always named (`Mirage.CSharp.Impl<Mirage.CSharp.Sleep>`); the F# eDSL gives
// these types upstream's names by abbreviation (`'a impl`, `sleep`).
namespace Mirage.CSharp;

/// <summary>A device of any module type, for lists that mix types (upstream's <c>abstract_impl</c>).</summary>
public abstract class AbstractImpl
{
    private protected AbstractImpl(Impl impl) => Impl = impl;

    /// <summary>The engine's term.</summary>
    public Impl Impl { get; }

    /// <inheritdoc/>
    public override string ToString() => Impl.Type.ToString();
}

/// <summary>
/// A device, a functor application or a choice between devices, of module type <typeparamref name="T"/>
/// (upstream's <c>'a impl</c>). The catalogue declares its devices with their types once
/// (<c>Impl&lt;KvRo&gt;</c>, <c>Impl&lt;Fn&lt;StackV4V6, TcpV4V6&gt;&gt;</c>); each front end spells them.
/// </summary>
public sealed class Impl<T> : AbstractImpl
{
    /// <summary>Types an engine term: only the catalogue and the front ends, which check the type, make one.</summary>
    internal Impl(Impl impl) : base(impl) { }

    /// <summary>The module type.</summary>
    public Typ<T> Typ => new(Impl.Type);
}

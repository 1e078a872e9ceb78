namespace Mirage.Engine.Model;

/// <summary>
/// The module type of a device, as upstream's <c>'a typ</c> sees it at run time: a named base type
/// (<c>sleep</c>, <c>kv_ro</c>, <c>job</c>) or a functor type <c>arg -> result</c>. Front ends add the
/// static (phantom) typing; the engine uses this to check arity and to describe graphs.
/// </summary>
public abstract record ModuleType
{
    /// <summary>The type of every job: what <c>register</c> starts.</summary>
    public static readonly ModuleType Job = new Base("job", "Mirage.Runtime.IJob");

    public sealed record Base(string Name, string? CSharpType = null) : ModuleType
    {
        public override string ToString() => Name;
    }

    public sealed record Functor(ModuleType Argument, ModuleType Result) : ModuleType
    {
        public override string ToString() =>
            Argument is Functor ? $"({Argument}) -> {Result}" : $"{Argument} -> {Result}";
    }

    /// <summary>The argument types of a (curried) functor, outermost first, and the final result.</summary>
    public (IReadOnlyList<ModuleType> Arguments, ModuleType Result) Uncurry()
    {
        var arguments = new List<ModuleType>();
        var current = this;
        while (current is Functor f)
        {
            arguments.Add(f.Argument);
            current = f.Result;
        }
        return (arguments, current);
    }
}

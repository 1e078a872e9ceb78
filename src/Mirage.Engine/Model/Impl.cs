namespace Mirage.Engine.Model;

/// <summary>
/// A term of the functor algebra, as a front end builds it: a device, a functor applied to an
/// argument, or a choice made by configure keys. The F# eDSL and the C# facade type these statically;
/// the engine checks them again here so that an untyped front end gets the same guarantees.
/// </summary>
public abstract class Impl
{
    public abstract ModuleType Type { get; }

    public static Impl Of(Device device) => new DeviceImpl(device);

    public static Impl Apply(Impl functor, Impl argument) => new AppImpl(functor, argument);
}

public sealed class DeviceImpl(Device device) : Impl
{
    public Device Device { get; } = device;
    public override ModuleType Type => Device.Type;
}

public sealed class AppImpl : Impl
{
    public AppImpl(Impl functor, Impl argument)
    {
        if (functor.Type is not ModuleType.Functor f)
        {
            throw new ArgumentException($"cannot apply a device of type {functor.Type}: it is not a functor");
        }
        if (f.Argument != argument.Type)
        {
            throw new ArgumentException(
                $"type mismatch: the functor of type {functor.Type} expects {f.Argument}, but was given {argument.Type}");
        }
        Functor = functor;
        Argument = argument;
        Type = f.Result;
    }

    public Impl Functor { get; }
    public Impl Argument { get; }
    public override ModuleType Type { get; }
}

/// <summary>upstream's <c>if_impl</c>: the condition is a boolean computed from configure keys.</summary>
public sealed class IfImpl : Impl
{
    public IfImpl(KeyValue condition, Impl then, Impl @else)
    {
        if (then.Type != @else.Type)
        {
            throw new ArgumentException($"if_impl branches differ in type: {then.Type} and {@else.Type}");
        }
        Condition = condition;
        Then = then;
        Else = @else;
    }

    public KeyValue Condition { get; }
    public Impl Then { get; }
    public Impl Else { get; }
    public override ModuleType Type => Then.Type;
}

/// <summary>upstream's <c>match_impl</c>: the first case whose value equals the key value, else the default.</summary>
public sealed class MatchImpl : Impl
{
    public MatchImpl(KeyValue value, IReadOnlyList<(object Value, Impl Impl)> cases, Impl @default)
    {
        foreach (var (_, impl) in cases)
        {
            if (impl.Type != @default.Type)
            {
                throw new ArgumentException($"match_impl cases differ in type: {impl.Type} and {@default.Type}");
            }
        }
        Value = value;
        Cases = cases;
        Default = @default;
    }

    public KeyValue Value { get; }
    public IReadOnlyList<(object Value, Impl Impl)> Cases { get; }
    public Impl Default { get; }
    public override ModuleType Type => Default.Type;
}

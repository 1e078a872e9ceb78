using Mirage.Engine.Model;

namespace Mirage.Devices.Arguments;

/// <summary>Runtime arguments a device needs more of than their type says, checked when the program starts.</summary>
public static class RuntimeArgChecks
{
    /// <summary>
    /// <paramref name="arg"/> whose values (and default) <paramref name="check"/>, the full name of a runtime
    /// method from the value to its error or null, must accept: the generated program then refuses a bad
    /// value with exit code 64 naming the option (<c>ArgSpec.Refine</c>), before any device is connected.
    /// </summary>
    public static RuntimeArg Refined(RuntimeArg arg, string check)
    {
        ArgumentNullException.ThrowIfNull(arg);
        ArgumentException.ThrowIfNullOrEmpty(check);
        return arg with { SpecExpression = $"{arg.SpecExpression}.{nameof(Mirage.Runtime.Arguments.ArgSpec<int>.Refine)}({check})" };
    }
}

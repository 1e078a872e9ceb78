using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
using Mirage.Devices.Conversion;

namespace Mirage.Devices.Arguments;

/// <summary>
/// The runtime argument kinds the runtime's argument parser knows (<c>Mirage.Runtime.Arguments.Arg</c>).
/// Defaults are written into the generated code with the converters' C# literals.
/// </summary>
public static class RuntimeArgKinds
{
    /// <summary><c>--name=STRING</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<string> String(string @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.String)), Converters.String.CSharpType, Converters.String.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=STRING</c>, <c>null</c> when absent.</summary>
    public static RuntimeArgKind<string?> OptString() => new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.OptString)), "string?", null, hasDocv: true);

    /// <summary><c>--name=INT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Int(int @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Int)), Converters.Int.CSharpType, Converters.Int.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=PORT</c> (1 to 65535; anything else is refused at start), <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Port(int @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Port)), Converters.Int.CSharpType, Converters.Int.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=INT64</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<long> Int64(long @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Int64)), Converters.Int64.CSharpType, Converters.Int64.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=FLOAT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<double> Float(double @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Float)), Converters.Float.CSharpType, Converters.Float.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=STRING</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<string> RequiredString() => Required<string>(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.RequiredString)), Converters.String.CSharpType);

    /// <summary><c>--name=INT</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<int> RequiredInt() => Required<int>(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.RequiredInt)), Converters.Int.CSharpType);

    /// <summary><c>--name=INT64</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<long> RequiredInt64() => Required<long>(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.RequiredInt64)), Converters.Int64.CSharpType);

    /// <summary><c>--name=FLOAT</c>, which the unikernel cannot start without.</summary>
    public static RuntimeArgKind<double> RequiredFloat() => Required<double>(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.RequiredFloat)), Converters.Float.CSharpType);

    /// <summary><c>--name=true|false</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<bool> Bool(bool @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Bool)), Converters.Bool.CSharpType, Converters.Bool.CSharpLiteral(@default), hasDocv: false);

    /// <summary><c>--name</c>: true when present.</summary>
    public static RuntimeArgKind<bool> Flag() => new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Flag)), Converters.Bool.CSharpType, null, hasDocv: false);

    // Upstream's Arg.required: no default, the generated program exits 64 naming it when absent.
    private static RuntimeArgKind<T> Required<T>(string factory, string csharpType) =>
        new(factory, csharpType, null, hasDocv: true, required: true);
}

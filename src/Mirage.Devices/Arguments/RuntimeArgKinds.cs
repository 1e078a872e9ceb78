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
        new("String", Converters.String.CSharpType, Converters.String.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=STRING</c>, <c>null</c> when absent.</summary>
    public static RuntimeArgKind<string?> OptString() => new("OptString", "string?", null, hasDocv: true);

    /// <summary><c>--name=INT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Int(int @default) =>
        new("Int", Converters.Int.CSharpType, Converters.Int.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=PORT</c> (1 to 65535; anything else is refused at start), <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<int> Port(int @default) =>
        new("Port", Converters.Int.CSharpType, Converters.Int.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=INT64</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<long> Int64(long @default) =>
        new("Int64", Converters.Int64.CSharpType, Converters.Int64.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=FLOAT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<double> Float(double @default) =>
        new("Float", Converters.Float.CSharpType, Converters.Float.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=true|false</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<bool> Bool(bool @default) =>
        new("Bool", Converters.Bool.CSharpType, Converters.Bool.CSharpLiteral(@default), hasDocv: false);

    /// <summary><c>--name</c>: true when present.</summary>
    public static RuntimeArgKind<bool> Flag() => new("Flag", Converters.Bool.CSharpType, null, hasDocv: false);
}

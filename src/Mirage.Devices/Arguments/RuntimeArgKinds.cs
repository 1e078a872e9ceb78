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

    /// <summary><c>--name=INT64</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<long> Int64(long @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Int64)), Converters.Int64.CSharpType, Converters.Int64.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=FLOAT</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<double> Float(double @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Float)), Converters.Float.CSharpType, Converters.Float.CSharpLiteral(@default), hasDocv: true);

    /// <summary><c>--name=true|false</c>, <paramref name="default"/> when absent.</summary>
    public static RuntimeArgKind<bool> Bool(bool @default) =>
        new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Bool)), Converters.Bool.CSharpType, Converters.Bool.CSharpLiteral(@default), hasDocv: false);

    /// <summary><c>--name</c>: true when present.</summary>
    public static RuntimeArgKind<bool> Flag() => new(RuntimeName.Of(nameof(Mirage.Runtime.Arguments.Arg.Flag)), Converters.Bool.CSharpType, null, hasDocv: false);
}

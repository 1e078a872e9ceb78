using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Block devices.</summary>
    public static readonly Typ<Block> Block = new(ModuleTypes.Block);

    /// <summary>Read-only key/value stores.</summary>
    public static readonly Typ<KvRo> KvRo = new(ModuleTypes.KvRo);

    /// <summary>Read-write key/value stores.</summary>
    public static readonly Typ<KvRw> KvRw = new(ModuleTypes.KvRw);
}

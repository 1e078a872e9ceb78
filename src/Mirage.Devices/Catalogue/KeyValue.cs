using Mirage.Devices.Contract;
using Mirage.Devices.Conversion;
using Mirage.Engine.CodeGen;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

/// <summary>How <c>generic_kv_ro</c> reads its directory: the values of the <c>kv_ro</c> configure key.</summary>
public enum KvRoKind
{
    /// <summary>Embedded into the program at build time (<c>crunch</c>).</summary>
    Crunch,

    /// <summary>Read from the directory at run time (<c>direct_kv_ro</c>).</summary>
    Direct,
}

public static partial class Catalogue
{
    private static readonly Converter<KvRoKind> KvRoKinds =
        Converters.Enum([("crunch", KvRoKind.Crunch), ("direct", KvRoKind.Direct)]);

    /// <summary>
    /// The directory <paramref name="directory"/> (relative to the config) embedded into the program
    /// when it is built, read back from its manifest resources (upstream's <c>crunch</c>; works under
    /// Native AOT). Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentException">The directory is absolute, empty, or holds MSBuild's special characters.</exception>
    public static Impl<KvRo> Crunch(string directory)
    {
        var store = StoreDirectory("crunch", directory);
        var embedded = new ProjectItem(
            "EmbeddedResource",
            $"{store}/**",
            [new("LogicalName", $"{CrunchResourcePrefix}{store}/%(RecursiveDir)%(Filename)%(Extension)")]);
        return Declare.Device(
            "Crunch",
            ModuleTypes.KvRo,
            files: [store],
            projectItems: [embedded],
            connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.CrunchKv.Connect))}({CSharpLiteral.String(store)})");
    }

    /// <summary>
    /// The directory <paramref name="directory"/>, relative to the working directory of the running
    /// unikernel, read when it runs (upstream's <c>direct_kv_ro</c>). Every call makes a new device.
    /// </summary>
    public static Impl<KvRo> DirectKvRo(string directory)
    {
        var path = CSharpLiteral.String(RunTimeDirectory("direct_kv_ro", directory));
        return Declare.Device(
            "DirectKvRo", ModuleTypes.KvRo, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.DirectKvRo.Connect))}({path})");
    }

    /// <summary>
    /// The <c>kv_ro</c> configure key (<c>GROUP-kv_ro</c> with a group): <c>crunch</c> (the default)
    /// or <c>direct</c> (upstream's <c>Key.kv_ro</c>).
    /// </summary>
    public static Key KvRoKey(string? group = null) => KvRoKinds.CreateKey(
        GroupName(group, "kv_ro"),
        KvRoKind.Crunch,
        $"Use crunch|direct pass-through implementation for {GroupDoc(group)}.");

    /// <summary>
    /// <see cref="Crunch"/> or <see cref="DirectKvRo"/> of <paramref name="directory"/>, as
    /// <paramref name="key"/> says (upstream's <c>generic_kv_ro</c>); by default the value of a
    /// <see cref="KvRoKey"/> for <paramref name="group"/>.
    /// </summary>
    public static Impl<KvRo> GenericKvRo(string directory, string? group = null, KeyValue? key = null)
    {
        var direct = DirectKvRo(directory);
        return Declare.Match(
            key ?? KeyValue.Of(KvRoKey(group)), [(KvRoKind.Crunch, Crunch(directory)), (KvRoKind.Direct, direct)], direct);
    }

    /// <summary>
    /// The directory <paramref name="directory"/>, relative to the working directory of the running
    /// unikernel, as a read-write store with atomic writes (upstream's <c>direct_kv_rw</c>).
    /// </summary>
    public static Impl<KvRw> DirectKvRw(string directory)
    {
        var path = CSharpLiteral.String(RunTimeDirectory("direct_kv_rw", directory));
        return Declare.Device(
            "DirectKvRw", ModuleTypes.KvRw, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.DirectKvRw.Connect))}({path})");
    }

    /// <summary>An empty read-write store in memory (upstream's <c>kv_rw_mem ()</c>). Every call makes a new device.</summary>
    public static Impl<KvRw> KvRwMem() => Declare.Device(
        "KvRwMem", ModuleTypes.KvRw, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.KeyValue.MemKv.Connect))}()");

    /// <summary>The runtime's own prefix, a constant the compiler copies in: the two cannot drift.</summary>
    private const string CrunchResourcePrefix = Mirage.Runtime.KeyValue.CrunchKv.ResourcePrefix;

    /// <summary>A directory the build embeds: relative to the config, written with '/', nothing MSBuild reads specially.</summary>
    private static string StoreDirectory(string device, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var store = directory.Replace('\\', '/').TrimEnd('/');
        if (store.Length == 0 || store == ".")
        {
            throw new ArgumentException($"{device}: give a directory below the config's folder, not '{directory}'", nameof(directory));
        }
        if (Path.IsPathRooted(store) || store.StartsWith('/'))
        {
            throw new ArgumentException($"{device}: the directory '{directory}' must be relative to the config's folder", nameof(directory));
        }
        if (store.IndexOfAny([';', '%', '$', '@', '*', '?', '\'', '"']) >= 0)
        {
            throw new ArgumentException($"{device}: the directory '{directory}' contains a character MSBuild reads specially (; % $ @ * ? or a quote)", nameof(directory));
        }
        return store;
    }

    private static string RunTimeDirectory(string device, string directory) =>
        string.IsNullOrEmpty(directory)
            ? throw new ArgumentException($"{device}: the directory is empty", nameof(directory))
            : directory;
}

using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>What connect code knows about the configuration (upstream's <c>Info.t</c>).</summary>
public sealed class Info
{
    internal Info(ConfigureInfo configure) => ConfigureInfo = configure;

    /// <summary>The engine's view.</summary>
    public ConfigureInfo ConfigureInfo { get; }

    /// <summary>The unikernel's name.</summary>
    public string Name => ConfigureInfo.Name;

    /// <summary>The target being configured.</summary>
    public Target Target => Targets.OfName(ConfigureInfo.Target);

    /// <summary>Every package the configuration needs.</summary>
    public IReadOnlyList<Package> Packages => ConfigureInfo.Packages;

    /// <summary>The value of a configure key (upstream's <c>Info.get</c>).</summary>
    public T Get<T>(Key<T> key) => (T)ConfigureInfo.Keys.ValueOf(key.Key);
}

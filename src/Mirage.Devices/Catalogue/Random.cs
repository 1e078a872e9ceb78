using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>The operating system's secure random generator (upstream's <c>default_random</c>).</summary>
    public static readonly Impl<Random> DefaultRandom = Declare.Device(
        "DefaultRandom", ModuleTypes.Random, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Entropy.DefaultRandom.Connect))}()");

    /// <summary>No random device (upstream's <c>no_random</c>): drawing from it fails, naming the config's choice.</summary>
    public static readonly Impl<Random> NoRandom = Declare.Device(
        "NoRandom", ModuleTypes.Random, connect: _ => $"{RuntimeName.Of(nameof(Mirage.Runtime.Entropy.NoRandom.Connect))}()");
}

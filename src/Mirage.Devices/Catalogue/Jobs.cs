using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>A job that does nothing and completes at once (upstream's <c>noop</c>).</summary>
    public static readonly Impl Noop = Impl.Of(new Device("Noop", ModuleTypes.Job, connect: _ => RuntimeName.Of(nameof(Mirage.Runtime.Job.Noop))));
}

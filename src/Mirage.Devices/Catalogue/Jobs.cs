using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>A job that does nothing and completes at once (upstream's <c>noop</c>).</summary>
    public static readonly Impl<Job> Noop = Declare.Device("Noop", ModuleTypes.Job, connect: _ => RuntimeName.Of(nameof(Mirage.Runtime.Job.Noop)));
}

using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>
    /// Mimic over happy eyeballs (upstream's <c>mimic_happy_eyeballs</c>): a functor from
    /// <c>stackv4v6</c>, <c>happy_eyeballs</c> and <c>dns_client</c> that connects through the happy
    /// eyeballs, which the DNS client teaches to look names up. Every call makes a new device.
    /// </summary>
    public static Impl MimicHappyEyeballs() => Impl.Of(new Device(
        "Mimic",
        new ModuleType.Functor(
            ModuleTypes.StackV4V6,
            new ModuleType.Functor(ModuleTypes.HappyEyeballs, new ModuleType.Functor(ModuleTypes.DnsClient, ModuleTypes.Mimic))),
        connect: context =>
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Mimic.Mimic.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, {context.Arguments[2]})"));
}

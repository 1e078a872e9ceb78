using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// Mimic over happy eyeballs (upstream's <c>mimic_happy_eyeballs</c>): a functor from
    /// <c>stackv4v6</c>, <c>happy_eyeballs</c> and <c>dns_client</c> that connects through the happy
    /// eyeballs, which the DNS client teaches to look names up. Every call makes a new device.
    /// </summary>
    public static Impl<Fn<StackV4V6, Fn<HappyEyeballs, Fn<DnsClient, Mimic>>>> MimicHappyEyeballs() => Declare.Device(
        "Mimic",
        ModuleTypes.StackV4V6.To(ModuleTypes.HappyEyeballs.To(ModuleTypes.DnsClient.To(ModuleTypes.Mimic))),
        connect: context =>
            $"{RuntimeName.Of(nameof(Mirage.Runtime.Network.Mimic.Mimic.Connect))}({context.Arguments[0]}, {context.Arguments[1]}, {context.Arguments[2]})");
}

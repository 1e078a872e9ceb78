using Mirage.Devices.Contract;
using Mirage.Engine.Model;

namespace Mirage.Devices;

using Mirage.CSharp;

public static partial class Catalogue
{
    /// <summary>
    /// <paramref name="block"/> with every sector encrypted and authenticated by AES-CCM (upstream's
    /// <c>ccm_block ?nonce_len key block</c>, mirage-block-ccm's layout): half its sectors, the key
    /// the value of the runtime argument <paramref name="key"/> in hex (a leading <c>0x</c> allowed),
    /// nonces of <paramref name="nonceLen"/> bytes (8 by default). Every call makes a new device.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A nonce length outside AES-CCM's 7 to 13 bytes.</exception>
    /// <exception cref="ArgumentException">The key is not a string runtime argument.</exception>
    public static Impl<Block> CcmBlock(RuntimeArg key, Impl<Block> block, int? nonceLen = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.CSharpType is not ("string" or "string?"))
        {
            throw new ArgumentException($"ccm_block: the key must be a string runtime argument; --{key.Name} is {key.CSharpType}", nameof(key));
        }
        if (nonceLen is < 7 or > 13)
        {
            throw new ArgumentOutOfRangeException(nameof(nonceLen), nonceLen, "ccm_block: AES-CCM nonces are 7 to 13 bytes (8 by default)");
        }
        var nonce = nonceLen is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
        return Declare.Apply(
            Declare.Device(
                "CcmBlock",
                ModuleTypes.Block.To(ModuleTypes.Block),
                packages: [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Ccm)))],
                // The key is checked when the program starts: a bad one exits 64 naming --key, not 1 at connect.
                runtimeArgs: [Arguments.RuntimeArgChecks.Refined(key, RuntimeName.Of(nameof(Mirage.Runtime.Ccm.CcmKey.Check)))],
                connect: c =>
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Ccm.CcmBlock.Connect))}({c.Arguments[0]}, {c.RuntimeArguments[key.Name]}, {nonce})"),
            block);
    }
}

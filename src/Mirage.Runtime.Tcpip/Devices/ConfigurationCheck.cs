using Mirage.Runtime.Arguments;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Tcpip.Devices;

/// <summary>
/// Wrong runtime arguments found when a device connects (a gateway outside the network: a fact about two
/// arguments, which each argument's parser cannot see): the problem is logged and the unikernel exits with
/// <see cref="ArgParser.ErrorExitCode"/>, as for an argument its parser refuses.
/// </summary>
internal static class ConfigurationCheck
{
    private static readonly LogSource Log = new("mirage");

    /// <summary>Returns when <paramref name="problem"/> is null; otherwise logs it and exits with 64.</summary>
    public static void ExitOn(string? problem)
    {
        if (problem is not null)
        {
            Log.Error(problem);
            throw new UnikernelExitException(ArgParser.ErrorExitCode);
        }
    }
}

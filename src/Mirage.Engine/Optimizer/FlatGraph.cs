using Mirage.Engine.Model;

namespace Mirage.Engine.Optimization;

/// <summary>
/// The instance graph between passes: instance <c>i</c> is <c>Devices[i]</c> applied to the instances
/// <c>Arguments[i]</c>, after the instances <c>ExtraDeps[i]</c>. Roots are instance indices.
/// </summary>
internal sealed record FlatGraph(
    Device[] Devices,
    int[][] Arguments,
    int[][] ExtraDeps,
    int[] Jobs,
    (InitRole Role, int Instance)[] Init)
{
    public int Count => Devices.Length;

    /// <summary>The roots in the order that decides connect order: init devices first, then jobs.</summary>
    public int[] Roots()
    {
        var roots = new int[Init.Length + Jobs.Length];
        for (var i = 0; i < Init.Length; i++)
        {
            roots[i] = Init[i].Instance;
        }
        Jobs.CopyTo(roots, Init.Length);
        return roots;
    }
}

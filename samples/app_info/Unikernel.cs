using Microsoft.Extensions.Primitives;
using Mirage.Runtime;
using Mirage.Runtime.Info;

namespace Unikernel;

/// <summary>
/// Prints the unikernel's name, version, target and packages on standard output, then the
/// packages again joined as one <see cref="StringValues"/> (the package it lists is the one it uses).
/// </summary>
public sealed class Info(AppInfo info) : IJob
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(info);
        var names = new StringValues(info.Packages.Select(p => p.Name).ToArray());
        Console.WriteLine($"package names: {names}");
        return Task.CompletedTask;
    }
}

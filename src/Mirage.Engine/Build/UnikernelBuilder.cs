using System.Diagnostics;
using Mirage.Engine.Output;

namespace Mirage.Engine.Build;

/// <summary>What <see cref="UnikernelBuilder.Publish"/> did: the binary it made, or why it failed.</summary>
/// <param name="ExitCode">0 on success; <c>dotnet publish</c>'s exit code, or 1, on failure.</param>
/// <param name="Binary">The built unikernel (<c>dist/&lt;name&gt;</c>), on success.</param>
/// <param name="Error">What went wrong, on failure.</param>
public sealed record BuildResult(int ExitCode, string? Binary, string? Error)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// <c>mirage build</c>'s work, shared by the CLI and the library: publish the generated project for
/// its target with <c>dotnet publish</c>, and put the binary in <c>dist/&lt;name&gt;</c> (atomically).
/// </summary>
public static class UnikernelBuilder
{
    /// <summary>The <c>dotnet</c> host to build with: the one running us when we run under it, else
    /// <c>$DOTNET_ROOT/dotnet</c>, else the one on PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root
            && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }
        return "dotnet";
    }

    /// <summary>
    /// Publishes a configuration whose files are written (see <see cref="Configurator.Write"/>).
    /// <c>dotnet publish</c> writes its errors to this process's own standard streams.
    /// </summary>
    public static BuildResult Publish(Configuration configuration)
    {
        var publishDir = configuration.Layout.Publish;
        var code = Exec(DotnetHost(),
        [
            "publish", configuration.ProjectFile, "-c", "Release", "-o", publishDir, "--nologo", "-v:q",
            "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false",
        ]);
        if (code != 0)
        {
            return new BuildResult(code, null, $"dotnet publish failed (exit {code})");
        }

        var binary = Path.Combine(publishDir, configuration.Graph.Name);
        if (!File.Exists(binary))
        {
            return new BuildResult(1, null, $"publish produced no {binary}");
        }

        var dist = configuration.Binary;
        FilePlanRunner.Run(
            configuration.Layout.Output,
            () => new FilePlan(configuration.Layout.Output, [new FileAction(FileActionKind.Copy, dist, Source: binary)]));
        return new BuildResult(0, dist, null);
    }

    private static int Exec(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}

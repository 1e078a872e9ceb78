namespace Mirage.Runtime;

/// <summary>
/// Ends the unikernel with a chosen exit code (upstream's <c>exit n</c> in a unikernel): thrown from
/// a job, it stops the other jobs like any failure, and <see cref="Unikernel.RunAsync"/> returns
/// <see cref="ExitCode"/> without logging anything (the job says why before it throws).
/// <c>throw new UnikernelExitException(5)</c>.
/// </summary>
public sealed class UnikernelExitException : Exception
{
    /// <summary>Exits with <paramref name="exitCode"/> (0–255).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not an exit status a process can have.</exception>
    public UnikernelExitException(int exitCode)
        : base($"the unikernel exits with code {exitCode}")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exitCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exitCode, 255);
        ExitCode = exitCode;
    }

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; }
}

using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime;

/// <summary>The lifecycle of a unikernel process: signals, exit codes, and its jobs.</summary>
public static class Unikernel
{
    /// <summary>Exit code when the body completes.</summary>
    public const int SuccessExitCode = 0;

    /// <summary>Exit code when the body failed with an exception (which is logged).</summary>
    public const int FailureExitCode = 1;

    /// <summary>Exit code when SIGINT or SIGTERM stopped the unikernel (128 + SIGINT, as shells report it).</summary>
    public const int SignalExitCode = 130;

    private static readonly LogSource MirageLog = Log.Source("mirage");

    /// <summary>
    /// Runs the connect-and-start <paramref name="body"/> with a token that SIGINT or SIGTERM cancels,
    /// and returns the process exit code: <see cref="SuccessExitCode"/> when the body completes,
    /// <see cref="SignalExitCode"/> when a signal cancelled it, the exit code of a
    /// <see cref="UnikernelExitException"/> it throws, and <see cref="FailureExitCode"/> after
    /// logging <c>ERR [mirage] message</c> when it throws anything else.
    /// </summary>
    /// <remarks>
    /// The first signal only cancels the token, so the jobs can stop cleanly; a second one is left to
    /// the default handling, which ends a unikernel that ignores cancellation.
    /// </remarks>
    public static async Task<int> RunAsync(string name, Func<CancellationToken, Task> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(body);

        using var stop = new CancellationTokenSource();
        var signalled = 0;
        void OnSignal(PosixSignalContext context)
        {
            if (Interlocked.Exchange(ref signalled, 1) == 0)
            {
                context.Cancel = true;
                MirageLog.Debug($"{name}: stopping on {context.Signal}");
                stop.Cancel();
            }
        }

        using var sigint = Register(PosixSignal.SIGINT, OnSignal);
        using var sigterm = Register(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await body(stop.Token).ConfigureAwait(false);
            return Volatile.Read(ref signalled) == 1 ? SignalExitCode : SuccessExitCode;
        }
        catch (OperationCanceledException) when (Volatile.Read(ref signalled) == 1)
        {
            return SignalExitCode;
        }
        catch (UnikernelExitException exit)
        {
            return exit.ExitCode;
        }
        catch (Exception exception)
        {
            MirageLog.Error(exception.Message);
            return FailureExitCode;
        }
    }

    /// <summary>
    /// Starts every job concurrently and waits for all of them. The first job to fail cancels the
    /// others (through a token linked to <paramref name="cancellationToken"/>), and once all have
    /// stopped its exception is rethrown.
    /// </summary>
    public static async Task StartJobsAsync(CancellationToken cancellationToken, params IJob[] jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var job in jobs)
        {
            ArgumentNullException.ThrowIfNull(job, nameof(jobs));
        }

        if (jobs.Length == 0)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;

        async Task StartOne(IJob job)
        {
            try
            {
                await job.StartAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // A cancellation that follows another job's failure (or the caller's cancellation) is
                // a consequence, not a cause: only a genuine failure is the one to rethrow.
                if (exception is not OperationCanceledException || !linked.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref firstFailure, exception, null);
                }

                // CancelAsync runs the other jobs' cancellation callbacks off this failing job's stack.
                await linked.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var running = new Task[jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            running[i] = StartOne(jobs[i]);
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch when (Volatile.Read(ref firstFailure) is not null)
        {
            // Rethrown below, with its original stack trace.
        }

        if (Volatile.Read(ref firstFailure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static PosixSignalRegistration? Register(PosixSignal signal, Action<PosixSignalContext> handler)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, handler);
        }
        catch (PlatformNotSupportedException)
        {
            // Platforms without POSIX signals (browser, WASI) simply never cancel the token.
            return null;
        }
    }
}

namespace Mirage.Runtime;

/// <summary>
/// A unikernel's job: the <c>start</c> function of a device of module type <c>job</c>. The generated
/// program connects its devices, then starts every job and waits for all of them.
/// </summary>
public interface IJob
{
    /// <summary>Runs the job until it is done or <paramref name="cancellationToken"/> asks it to stop.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}

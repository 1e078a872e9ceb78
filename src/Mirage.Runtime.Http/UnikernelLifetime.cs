using Microsoft.Extensions.Hosting;

namespace Mirage.Runtime.Http;

/// <summary>
/// The web host's lifetime is the unikernel's: signals are Mirage's to handle (they cancel the
/// token given to <see cref="IHttpServer.ServeAsync"/>), so the host installs no handlers of its own.
/// </summary>
internal sealed class UnikernelLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

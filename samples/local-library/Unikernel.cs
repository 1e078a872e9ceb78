using Mirage.Runtime;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>Logs the message of the Greeting library, a project beside the config.</summary>
public sealed class Hello : IJob
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Info($"The Greeting library has a message for you: {Greeting.Messages.Hello}");
        return Task.CompletedTask;
    }
}

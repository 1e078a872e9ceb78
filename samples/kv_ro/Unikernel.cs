using System.Text;
using Mirage.Runtime;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>Checks the secret stored under the key <c>secret</c> against the one it knows.</summary>
public sealed class Main(IKvRo kv) : IJob
{
    private const string OurSecret = "foo\n";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await kv.GetAsync(Key.Parse("secret"), cancellationToken);
        if (!stored.TryGetValue(out var secret, out var error))
        {
            Log.Warning($"Could not compare the secret against a known constant: {error}");
        }
        else if (Encoding.UTF8.GetString(secret.Span) == OurSecret)
        {
            Log.Info("Contents of extremely secret vital storage confirmed!");
        }
        else
        {
            Log.Warning("The secret provided does not match!");
        }
    }
}

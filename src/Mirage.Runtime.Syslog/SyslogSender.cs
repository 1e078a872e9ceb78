using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Syslog;

/// <summary>
/// Moves queued messages to a collector on a background task: connects, sends each message in order,
/// and when the connection fails keeps the message in hand, reconnects after a backoff and sends it
/// again. Faults go to <paramref name="fallback"/> (the console reporter) once per outage, and the
/// end of an outage says how many messages were dropped meanwhile. A collector refusing us for good
/// (a TLS certificate that does not verify) is said once and tried again only at the backoff's
/// maximum. An outage ends when a message is sent, so a collector that accepts and hangs up at once
/// is retried with backoff too, never in a tight loop.
/// </summary>
internal sealed class SyslogSender(ISyslogTransport transport, SyslogQueue queue, IReporter fallback, SyslogBackoff backoff, TimeProvider time)
{
    public const string Source = "syslog";

    private long _sent;
    private long _connections;
    private volatile bool _connected;
    private int _inFlight;
    private int _failures;
    private long _droppedReported;

    public long Sent => Interlocked.Read(ref _sent);

    public long Connections => Interlocked.Read(ref _connections);

    public bool IsConnected => _connected;

    /// <summary>Whether every queued message has been handed to the transport.</summary>
    public bool IsIdle => queue.Count == 0 && Volatile.Read(ref _inFlight) == 0;

    /// <summary>Messages not sent yet (the one being written stays in the queue until it is sent).</summary>
    public int Pending => queue.Count;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ISyslogConnection? connection = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!queue.Reader.TryPeek(out var message))
                {
                    continue;
                }
                Volatile.Write(ref _inFlight, 1);
                if (connection is not null && connection.Closed.IsCompleted)
                {
                    await LoseAsync(connection, "the collector closed the connection", cancellationToken).ConfigureAwait(false);
                    connection = null;
                    continue;
                }
                if (connection is null)
                {
                    var result = await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    if (result.Connection is null)
                    {
                        Fail(result.Permanent
                            ? $"{result.Error}; not retried before {backoff.Maximum.TotalSeconds:0} s"
                            : $"{result.Error}; retrying with backoff");
                        await Task.Delay(result.Permanent ? backoff.Maximum : backoff.After(_failures), time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    connection = result.Connection;
                    Interlocked.Increment(ref _connections);
                    _connected = true;
                }
                if (await connection.SendAsync(message, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    // Keep the message: it goes again on the next connection.
                    await LoseAsync(connection, $"{error}; reconnecting with backoff", cancellationToken).ConfigureAwait(false);
                    connection = null;
                    continue;
                }
                queue.Reader.TryRead(out _);
                Interlocked.Increment(ref _sent);
                Volatile.Write(ref _inFlight, 0);
                if (_failures > 0)
                {
                    fallback.Report(Source, LogLevel.Warning,
                        $"{transport.Describe}: sending again; {queue.Dropped - _droppedReported} messages were dropped meanwhile (buffer full)");
                    _droppedReported = queue.Dropped;
                    _failures = 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _connected = false;
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // One more failure in a row; the first of an outage is said, with what happens to messages meanwhile.
    private void Fail(string why)
    {
        _failures++;
        if (_failures == 1)
        {
            fallback.Report(Source, LogLevel.Error,
                $"{transport.Describe}: {why}; messages queue up to {queue.Capacity}, newer ones are dropped and counted");
        }
    }

    private async ValueTask LoseAsync(ISyslogConnection connection, string why, CancellationToken cancellationToken)
    {
        _connected = false;
        Fail(why);
        await connection.DisposeAsync().ConfigureAwait(false);
        await Task.Delay(backoff.After(_failures), time, cancellationToken).ConfigureAwait(false);
    }
}

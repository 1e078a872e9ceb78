using System.Net;
using System.Text;
using Mirage.Runtime.Network;

namespace Mirage.Runtime.Monitoring;

/// <summary>Where a round of line protocol goes: the I/O edge of <see cref="MonitoringPusher"/>.</summary>
public interface IMetricsSink : IAsyncDisposable
{
    /// <summary>Where the lines go, for fault messages: <c>tcp://192.0.2.1:8094</c>.</summary>
    string Describe { get; }

    /// <summary>Sends one round of lines. Null on success, else why not.</summary>
    ValueTask<string?> SendAsync(string lines, CancellationToken cancellationToken);
}

/// <summary>
/// Line protocol over TCP, as mirage-monitoring sends to Telegraf's <c>socket_listener</c>: one
/// connection kept open, opened again on the next round after it fails.
/// </summary>
public sealed class TcpMetricsSink(ITcp tcp, IPEndPoint collector) : IMetricsSink
{
    private ITcpFlow? _flow;

    /// <inheritdoc />
    public string Describe => $"tcp://{collector}";

    /// <inheritdoc />
    public async ValueTask<string?> SendAsync(string lines, CancellationToken cancellationToken)
    {
        if (_flow is null)
        {
            var connected = await tcp.CreateConnectionAsync(collector, timeout: TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (connected.Flow is null)
            {
                return $"cannot connect: {connected.Error}";
            }
            _flow = connected.Flow;
        }
        if (await _flow.WriteAsync(Encoding.UTF8.GetBytes(lines), cancellationToken).ConfigureAwait(false) is { } error)
        {
            await DisposeAsync().ConfigureAwait(false);
            return $"write failed: {error}";
        }
        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_flow is { } flow)
        {
            _flow = null;
            await flow.CloseAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Line protocol over UDP (InfluxDB's and Telegraf's UDP listeners): each line its own datagram, so none is cut.</summary>
public sealed class UdpMetricsSink(IUdp udp, IPEndPoint collector) : IMetricsSink
{
    /// <inheritdoc />
    public string Describe => $"udp://{collector}";

    /// <inheritdoc />
    public async ValueTask<string?> SendAsync(string lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await udp.WriteAsync(collector, Encoding.UTF8.GetBytes(line + "\n"), cancellationToken: cancellationToken).ConfigureAwait(false) is { } error)
            {
                return $"UDP write failed: {error}";
            }
        }
        return null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace Mirage.Runtime.Network;

/// <summary>
/// TCP keep-alive settings (upstream's <c>Tcpip.Tcp.Keepalive.t</c>): probe after
/// <paramref name="After"/> of silence, then every <paramref name="Interval"/>, and give up after
/// <paramref name="Probes"/> unanswered probes.
/// </summary>
public sealed record TcpKeepalive(TimeSpan After, TimeSpan Interval, int Probes);

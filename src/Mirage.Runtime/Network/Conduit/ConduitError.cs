namespace Mirage.Runtime.Network.Conduit;

/// <summary>What went wrong with a conduit's connection or endpoint.</summary>
public enum ConduitErrorKind
{
    /// <summary>TLS was asked of a conduit made without it.</summary>
    TlsUnavailable,

    /// <summary>The TCP connection could not be made (see <see cref="ConduitError.Tcp"/>).</summary>
    Connect,

    /// <summary>The TLS handshake failed: an untrusted or misnamed certificate, a peer speaking something else.</summary>
    TlsHandshake,

    /// <summary>The port could not be listened on (see <see cref="ConduitError.Listen"/>).</summary>
    Listen,
}

/// <summary>An expected failure of a conduit, with the message to log.</summary>
public sealed record ConduitError(ConduitErrorKind Kind, string Message, TcpError? Tcp = null, ListenError? Listen = null)
{
    /// <summary>The error for TLS asked of a conduit without it, naming the config that fixes it.</summary>
    public static ConduitError TlsUnavailable(string what) => new(
        ConduitErrorKind.TlsUnavailable,
        $"{what} needs TLS, but this conduit has none: make it with conduit_direct ~tls:true "
        + "(conduit_direct(stack, tls = true) in F#, Devices.ConduitDirect(stack, tls: true) in C#)");

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>The outcome of <see cref="IConduit.ConnectAsync"/>: a flow, or why there is none.</summary>
public readonly record struct ConduitConnectResult(ITcpFlow? Flow, ConduitError? Error)
{
    /// <summary>Whether the connection was made.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Flow))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Flow is not null;
}

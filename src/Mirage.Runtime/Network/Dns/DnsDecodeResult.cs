using System.Diagnostics.CodeAnalysis;

namespace Mirage.Runtime.Network.Dns;

/// <summary>A decoded message, or why the octets are none.</summary>
public readonly record struct DnsDecodeResult
{
    private DnsDecodeResult(DnsMessage? message, string? error)
    {
        Message = message;
        Error = error;
    }

    /// <summary>The message, when the octets were one.</summary>
    public DnsMessage? Message { get; }

    /// <summary>What was wrong with the octets, when they were no message.</summary>
    public string? Error { get; }

    /// <summary>Whether the octets were a message.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Message is not null;

    internal static DnsDecodeResult Ok(DnsMessage message) => new(message, null);

    internal static DnsDecodeResult Fail(string error) => new(null, error);
}

using System.Buffers;

namespace Mirage.Runtime.Network;

/// <summary>
/// What one read on a flow gives (upstream's <c>(Cstruct.t Mirage_flow.or_eof, error) result</c>):
/// data, the end of the stream, or an error. <see cref="Data"/> is lent, not copied: it stays valid
/// until the next read on the same flow.
/// </summary>
public readonly struct FlowReadResult
{
    private FlowReadResult(ReadOnlySequence<byte> data, bool isEof, TcpError? error)
    {
        Data = data;
        IsEof = isEof;
        Error = error;
    }

    /// <summary>The bytes read; empty at the end of the stream or on an error.</summary>
    public ReadOnlySequence<byte> Data { get; }

    /// <summary>The peer will send nothing more.</summary>
    public bool IsEof { get; }

    /// <summary>What went wrong, if anything.</summary>
    public TcpError? Error { get; }

    /// <summary>True when <see cref="Data"/> holds bytes.</summary>
    public bool IsData => !IsEof && Error is null;

    /// <summary>Some bytes.</summary>
    public static FlowReadResult Of(ReadOnlySequence<byte> data) => new(data, false, null);

    /// <summary>The end of the stream.</summary>
    public static readonly FlowReadResult Eof = new(ReadOnlySequence<byte>.Empty, true, null);

    /// <summary>A failed read.</summary>
    public static FlowReadResult Failed(TcpError error) => new(ReadOnlySequence<byte>.Empty, false, error);

    /// <inheritdoc />
    public override string ToString() =>
        Error is { } e ? $"error {e}" : IsEof ? "eof" : $"{Data.Length} bytes";
}

namespace Mirage.Runtime.Git;

/// <summary>
/// Malformed git data from a peer or a file (a pkt-line, a pack, an index, an object) or a limit it
/// would exceed: the message says what was expected and where.
/// </summary>
public sealed class GitFormatException(string message) : Exception(message);

namespace Mirage.Runtime.Git;

/// <summary>The git server refused or failed (an ERR line, an error on side band 3, a rejected push).</summary>
public sealed class GitRemoteException(string message) : Exception(message);

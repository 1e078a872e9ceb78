namespace Mirage.Runtime.Git.Protocol;

/// <summary>The git:// transport's opening: one pkt-line naming the service, the path and the host.</summary>
public static class GitDaemon
{
    /// <summary>
    /// "git-upload-pack /path\0host=host\0", with "\0version=2\0" after it when asking for v2 (servers
    /// that do not know it ignore it and answer in v0).
    /// </summary>
    public static PktLine Request(string service, string path, string host, int port, ProtocolVersion version)
    {
        var hostField = port == GitUrl.GitPort ? host : $"{host}:{port}";
        var extra = version == ProtocolVersion.V2 ? "\0version=2\0" : "";
        return PktLine.Of($"{service} {path}\0host={hostField}\0{extra}");
    }
}

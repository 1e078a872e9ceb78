using Mirage.Devices;

namespace Mirage.CSharp;

public static partial class Typ
{
    /// <summary>Git clients (upstream's <c>git_client</c>).</summary>
    public static readonly Typ<GitClient> GitClient = ModuleTypes.GitClient;
}

public static partial class Devices
{
    /// <summary>git:// through mimic (upstream's <c>git_tcp</c>).</summary>
    public static Impl<Fn<TcpV4V6, Fn<Mimic, GitClient>>> GitTcp() => Catalogue.GitTcp();

    /// <summary>
    /// Smart HTTP(S) through mimic (upstream's <c>git_http</c>); runtime arguments
    /// <c>--tls-authenticator</c> and <c>--http-headers</c>, whose defaults <paramref name="authenticator"/>
    /// and <paramref name="headers"/> are.
    /// </summary>
    public static Impl<Fn<TcpV4V6, Fn<Mimic, GitClient>>> GitHttp(
        string group = "", string? authenticator = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        Catalogue.GitHttp(group, authenticator, headers);

    /// <summary>Both clients' schemes, the first's way where both reach one (upstream's <c>merge_git_clients</c>).</summary>
    public static Impl<GitClient> MergeGitClients(Impl<GitClient> first, Impl<GitClient> second) => Catalogue.MergeGitClients(first, second);
}

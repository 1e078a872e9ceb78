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

    /// <summary>Both clients' schemes, the first's way where both reach one (upstream's <c>merge_git_clients</c>).</summary>
    public static Impl<GitClient> MergeGitClients(Impl<GitClient> first, Impl<GitClient> second) => Catalogue.MergeGitClients(first, second);
}

using Mirage.Devices.Contract;
using Mirage.Engine.Model;

// The phantom type of git clients: never instantiated.
namespace Mirage.CSharp
{
    /// <summary>The module type of git clients (upstream's <c>git_client</c>).</summary>
    public sealed class GitClient
    {
        private GitClient() { }
    }
}

namespace Mirage.Devices
{
    using Mirage.CSharp;

    public static partial class ModuleTypes
    {
        /// <summary>
        /// The ways to reach git remotes, by scheme: <c>Mirage.Runtime.Git.GitClient</c>, which
        /// <c>Mirage.Runtime.Git.Store.GitKv.ConnectAsync</c> clones through (upstream's <c>git_client</c>).
        /// </summary>
        public static readonly Typ<GitClient> GitClient = new("git_client", RuntimeName.Of(nameof(Mirage.Runtime.Git.GitClient)));
    }

    public static partial class Catalogue
    {
        private static readonly IReadOnlyList<Package> GitPackages = [Package.RuntimeLibrary(RuntimeName.Of(nameof(Mirage.Runtime.Git)))];

        /// <summary>
        /// git:// through mimic (upstream's <c>git_tcp</c>): a functor from <c>tcpv4v6</c> and
        /// <c>mimic</c> to a <c>git_client</c> reaching git daemons (port 9418 unless the URL says).
        /// Every call makes a new device.
        /// </summary>
        public static Impl<Fn<TcpV4V6, Fn<Mimic, GitClient>>> GitTcp() => Declare.Device(
            "GitTcp",
            ModuleTypes.TcpV4V6.To(ModuleTypes.Mimic.To(ModuleTypes.GitClient)),
            packages: GitPackages,
            connect: context =>
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Git.GitClient.Tcp))}({context.Arguments[0]}, {context.Arguments[1]})");

        /// <summary>
        /// One client reaching the schemes of both (upstream's <c>merge_git_clients</c>); for a scheme
        /// both reach, <paramref name="first"/>'s way. Every call makes a new device.
        /// </summary>
        public static Impl<GitClient> MergeGitClients(Impl<GitClient> first, Impl<GitClient> second) => Declare.Apply(
            Declare.Apply(
                Declare.Device(
                    "GitMergeClients",
                    ModuleTypes.GitClient.To(ModuleTypes.GitClient.To(ModuleTypes.GitClient)),
                    packages: GitPackages,
                    connect: context =>
                        $"{RuntimeName.Of(nameof(Mirage.Runtime.Git.GitClient.Merge))}({context.Arguments[0]}, {context.Arguments[1]})"),
                first),
            second);
    }
}

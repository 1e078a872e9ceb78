using Mirage.Devices.Contract;
using Mirage.Engine.CodeGen;
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
        /// Smart HTTP(S) through an HTTP client on mimic's flows (upstream's <c>git_http</c>): a functor
        /// from <c>tcpv4v6</c> and <c>mimic</c> to a <c>git_client</c> reaching http:// and https://
        /// remotes (protocol v2, v0 when the server has no v2). Runtime arguments
        /// <c>--tls-authenticator</c> (upstream's syntax; the system roots without it) and
        /// <c>--http-headers=NAME:VALUE,...</c>, prefixed by <paramref name="group"/>;
        /// <paramref name="authenticator"/> and <paramref name="headers"/> are their defaults. Every
        /// call makes a new device.
        /// </summary>
        /// <exception cref="ArgumentException">A header name or value that the syntax cannot carry.</exception>
        public static Impl<Fn<TcpV4V6, Fn<Mimic, GitClient>>> GitHttp(
            string group = "", string? authenticator = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
        {
            var g = CSharpLiteral.String(group);
            var tlsAuthenticator = new RuntimeArg(
                GroupName(group, "tls-authenticator"), "TLS authenticator for https remotes (upstream's syntax).", "string?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Git.GitArgs.TlsAuthenticator))}({Literal(authenticator)}, {g})");
            var httpHeaders = new RuntimeArg(
                GroupName(group, "http-headers"), "HTTP headers sent to git remotes (NAME:VALUE,...).", "string?",
                $"{RuntimeName.Of(nameof(Mirage.Runtime.Git.GitArgs.HttpHeaders))}({Literal(headers is null ? null : HeaderList(headers))}, {g})");
            return Declare.Device(
                "GitHttp",
                ModuleTypes.TcpV4V6.To(ModuleTypes.Mimic.To(ModuleTypes.GitClient)),
                packages: GitPackages,
                runtimeArgs: [tlsAuthenticator, httpHeaders],
                connect: context =>
                    $"{RuntimeName.Of(nameof(Mirage.Runtime.Git.GitClient.Http))}({context.Arguments[0]}, {context.Arguments[1]}, "
                    + $"{context.RuntimeArguments[tlsAuthenticator.Name]}, {context.RuntimeArguments[httpHeaders.Name]})");
        }

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

        private static string Literal(string? text) => text is null ? "null" : CSharpLiteral.String(text);

        // Upstream's NAME:VALUE,... form, which the runtime argument parses; a comma in a value or a
        // name that is not an HTTP token cannot be carried.
        private static string HeaderList(IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            foreach (var (name, value) in headers)
            {
                if (name.Length == 0 || name.Any(c => c is ':' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    throw new ArgumentException($"git_http ~headers: '{name}' is not a header name", nameof(headers));
                }
                if (value.Any(c => c == ',' || char.IsControl(c)))
                {
                    throw new ArgumentException($"git_http ~headers: the value of '{name}' holds a comma or a control character, which --http-headers cannot carry", nameof(headers));
                }
            }
            return string.Join(',', headers.Select(h => $"{h.Key}:{h.Value}"));
        }
    }
}

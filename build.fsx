// The project's build. Run as `dotnet fsi build.fsx <target> [-- args]`; `dotnet fsi build.fsx help` lists targets.
// Every target does its own set-up (local tools, Paket restore), so each works on a fresh machine.

open System
open System.Diagnostics
open System.IO

let root = __SOURCE_DIRECTORY__
let artifacts = Path.Combine(root, "artifacts")
let cliDir = Path.Combine(artifacts, "cli")
let cli = Path.Combine(cliDir, "mirage")
let packagesDir = Path.Combine(artifacts, "packages")

/// Development mode: unikernels that `mirage` generates for the demo, the benchmarks and the tests
/// reference this checkout's runtime projects instead of the runtime packages.
let developmentMode () =
    Environment.SetEnvironmentVariable(
        "MIRAGE_RUNTIME_PROJECT",
        Path.Combine(root, "src", "Mirage.Runtime", "Mirage.Runtime.csproj")
    )

let run (workDir: string) (file: string) (args: string list) =
    printfn "> %s %s" file (String.Join(" ", args))

    let info =
        ProcessStartInfo(file, args, WorkingDirectory = workDir, UseShellExecute = false)

    info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    info.Environment["DOTNET_NOLOGO"] <- "1"
    use proc = Process.Start info
    proc.WaitForExit()

    if proc.ExitCode <> 0 then
        eprintfn "build.fsx: '%s %s' failed with exit code %d" file (String.Join(" ", args)) proc.ExitCode
        exit proc.ExitCode

let dotnet args = run root "dotnet" args

let restore () =
    dotnet [ "tool"; "restore" ]
    dotnet [ "paket"; "restore" ]

let build () =
    restore ()
    dotnet [ "build"; "Mirage.slnx"; "-c"; "Release"; "-nodeReuse:false" ]

/// The CLI, published ReadyToRun: its start-up is dominated by the F# compiler's JIT otherwise.
let publishCli () =
    restore ()

    dotnet
        [
            "publish"
            "src/Mirage.Cli"
            "-c"
            "Release"
            "-r"
            "linux-x64"
            "--self-contained"
            "false"
            "-p:PublishReadyToRun=true"
            "-o"
            cliDir
            "-nodeReuse:false"
        ]

/// NuGet packages (with symbols) of every library under src/ and of the `mirage` tool, all at
/// Directory.Build.props's one version, into artifacts/packages (emptied first). Needs `build ()`.
let packBuilt () =
    if Directory.Exists packagesDir then
        Directory.Delete(packagesDir, true)

    dotnet
        [
            "pack"
            "Mirage.slnx"
            "-c"
            "Release"
            "--no-build"
            "-o"
            packagesDir
            "-nodeReuse:false"
        ]

let pack () =
    build ()
    packBuilt ()

/// The real peers the end-to-end tests drive: curl (HTTP clients) and dnsmasq (a DNS server on
/// loopback). Installed from Debian's packages when missing, which needs root (as on CI).
let systemPackages () =
    let missing =
        [
            "curl", [ "/usr/bin/curl" ]
            "dnsmasq-base", [ "/usr/sbin/dnsmasq"; "/usr/bin/dnsmasq" ]
            // Watches direct_kv_rw's fsync/rename order (Cli/KvRwDurabilityTests.fs).
            "strace", [ "/usr/bin/strace" ]
            // Linux peers of our own network stack (tests/Mirage.Tests/Runtime/Tcpip): namespaces and TAP
            // devices, ping, nc -u, and captures.
            "iproute2", [ "/usr/sbin/ip"; "/usr/bin/ip"; "/sbin/ip" ]
            "iputils-ping", [ "/usr/bin/ping"; "/bin/ping" ]
            "netcat-openbsd", [ "/usr/bin/nc.openbsd"; "/bin/nc.openbsd" ]
            "tcpdump", [ "/usr/bin/tcpdump"; "/usr/sbin/tcpdump" ]
            // GNU tar reads and writes the tar stores' images (tests/Mirage.Tests/Runtime/Blocks).
            "tar", [ "/usr/bin/tar"; "/bin/tar" ]
            // An independent AES-CCM for ccm_block's sectors (Runtime/Blocks/CcmTests.fs).
            "python3-cryptography", [ "/usr/lib/python3/dist-packages/cryptography/__init__.py" ]
            // Collectors of the syslog and monitoring devices (tests/Mirage.Tests/Syslog, Monitoring).
            "rsyslog", [ "/usr/sbin/rsyslogd" ]
            "rsyslog-gnutls", [ "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so" ]
            "influxdb", [ "/usr/bin/influxd" ]
            "influxdb-client", [ "/usr/bin/influx" ]
            // promtool checks prometheus_metrics' exposition (tests/Mirage.Tests/Monitoring/PrometheusSampleTests.fs).
            "prometheus", [ "/usr/bin/promtool" ]
            // mkfs.fat and mcopy make the FAT images fat_ro reads (tests/Mirage.Tests/Runtime/Blocks/Fat*).
            "dosfstools", [ "/usr/sbin/mkfs.fat"; "/sbin/mkfs.fat" ]
            "mtools", [ "/usr/bin/mcopy" ]
            // git and git daemon: the oracle and the server of the git devices (tests/Mirage.Tests/Git).
            "git", [ "/usr/bin/git" ]
            // A DNS-over-TLS resolver for the DNS client's tls: nameservers (tests/Mirage.Tests/Runtime/DnsOverTlsTests.fs).
            "unbound", [ "/usr/sbin/unbound" ]
        ]
        |> List.filter (fun (_, paths) -> not (List.exists File.Exists paths))
        |> List.map fst

    if not missing.IsEmpty then
        run root "apt-get" [ "update"; "-qq" ]
        run root "apt-get" ([ "install"; "-y"; "-qq" ] @ missing)

let test (args: string list) =
    systemPackages ()
    build ()
    packBuilt ()
    publishCli ()

    let info =
        [
            "run"
            "--project"
            "tests/Mirage.Tests"
            "-c"
            "Release"
            "--no-build"
            "--"
        ]

    Environment.SetEnvironmentVariable("MIRAGE_CLI", cli)
    Environment.SetEnvironmentVariable("MIRAGE_PACKAGES", packagesDir)
    developmentMode ()
    dotnet (info @ args)

let demo (args: string list) =
    publishCli ()
    developmentMode ()
    let sample = Path.Combine(root, "samples", defaultArg (List.tryHead args) "hello")
    let target = defaultArg (List.tryItem 1 args) "unix"
    run sample cli [ "configure"; "-t"; target ]
    run sample cli [ "build" ]
    run sample (Path.Combine(sample, "dist", Path.GetFileName sample)) []

let bench (args: string list) =
    publishCli ()
    developmentMode ()
    run root "bash" ("bench/configure-time.sh" :: [ cli ])
    run root "bash" ("bench/boot-and-size.sh" :: [ cli ])
    run root "bash" ("bench/http-wrk.sh" :: [ cli ])

    dotnet (
        [ "run"; "-c"; "Release"; "--project"; "bench/Mirage.Bench"; "--" ]
        @ (if args.IsEmpty then [ "--filter"; "*" ] else args)
    )

let format (check: bool) =
    restore ()
    let verify = if check then [ "--check" ] else []
    dotnet ([ "fantomas"; "src"; "tests"; "bench"; "samples"; "build.fsx" ] @ verify)

    // Every C# project under src/ (F# projects are fantomas's).
    for project in Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories) do
        dotnet ([ "format"; project ] @ (if check then [ "--verify-no-changes" ] else []))

let targets =
    [
        "build", "restore tools and packages, build everything (Release)", fun _ -> build ()
        "cli", "publish the mirage CLI (ReadyToRun) to artifacts/cli", fun _ -> publishCli ()
        "pack",
        "build, then pack the libraries and the mirage tool (with symbols) into artifacts/packages",
        fun _ -> pack ()
        "test", "build, then run the whole test suite (Expecto; extra args go to Expecto)", test
        "demo", "configure, build and run a sample: demo [sample=hello] [target=unix]", demo
        "bench", "configure time, boot and size scripts, then BenchmarkDotNet (extra args go to BenchmarkDotNet)", bench
        "format", "format F# (fantomas) and C# (dotnet format)", fun _ -> format false
        "format-check", "check formatting without changing files", fun _ -> format true
    ]

match fsi.CommandLineArgs |> Array.toList |> List.tail with
| []
| [ "help" ] ->
    printfn "usage: dotnet fsi build.fsx <target> [args]\n"

    for name, doc, _ in targets do
        printfn "  %-13s %s" name doc
| name :: args ->
    match targets |> List.tryFind (fun (n, _, _) -> n = name) with
    | Some(_, _, action) -> action (args |> List.filter ((<>) "--"))
    | None ->
        eprintfn
            "build.fsx: unknown target '%s' (targets: %s)"
            name
            (String.Join(", ", targets |> List.map (fun (n, _, _) -> n)))

        exit 1

/// Running programs from tests: the mirage CLI, built unikernels, with output captured.
module Mirage.Tests.Support.Processes

open System
open System.Diagnostics
open System.IO

type Result =
    {
        ExitCode: int
        Stdout: string
        Stderr: string
    }

    member r.StdoutLines =
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        |> Array.map (fun l -> l.TrimEnd '\r')

    override r.ToString() =
        $"exit {r.ExitCode}\n--- stdout ---\n{r.Stdout}\n--- stderr ---\n{r.Stderr}"

/// Runs `file args` in `workDir`, killing it after `timeout`; output is captured whole.
let runWith (env: (string * string) list) (timeout: TimeSpan) (workDir: string) (file: string) (args: string list) =
    let info =
        ProcessStartInfo(
            file,
            args,
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true
        )

    for k, v in env do
        info.Environment[k] <- v

    use proc = Process.Start info
    proc.StandardInput.Close()
    let stdout = proc.StandardOutput.ReadToEndAsync()
    let stderr = proc.StandardError.ReadToEndAsync()

    if not (proc.WaitForExit timeout) then
        proc.Kill true
        failwithf "%s %s timed out after %O" file (String.Join(" ", args)) timeout

    proc.WaitForExit()

    {
        ExitCode = proc.ExitCode
        Stdout = stdout.Result
        Stderr = stderr.Result
    }

let run workDir file args =
    runWith [] (TimeSpan.FromMinutes 5.) workDir file args

/// The command line (file, arguments) that runs `file args` with SIGINT at its default disposition,
/// as when started from a terminal, however this test run was launched. A process started from a
/// background job (`&`, nohup, a supervisor) inherits SIGINT ignored, and POSIX keeps it ignored
/// through fork and exec, so a unikernel started from it would not stop on SIGINT; coreutils' env
/// restores the default before it execs `file` (same process id). Tests that send SIGINT use this.
/// Starts a daemon whose output nobody reads (drained, so it never blocks on a full pipe).
let startQuiet (file: string) (args: string list) =
    let info = ProcessStartInfo(file, args)
    info.RedirectStandardOutput <- true
    info.RedirectStandardError <- true
    let started = Process.Start info
    started.OutputDataReceived.Add ignore
    started.ErrorDataReceived.Add ignore
    started.BeginOutputReadLine()
    started.BeginErrorReadLine()
    started

let withDefaultSigint (file: string) (args: string list) =
    "env", [ "--default-signal=INT"; file ] @ args

/// The command line that runs `file args` with SIGINT ignored, as a background job starts it.
let withSigintIgnored (file: string) (args: string list) =
    "env", [ "--ignore-signal=INT"; file ] @ args

/// Sends `signal` (`INT`, `TERM`) to the process `pid` with kill(1).
let signal (name: string) (pid: int) =
    use kill = Process.Start("kill", [ $"-{name}"; string pid ])
    kill.WaitForExit()

/// The repository's root (the folder holding paket.dependencies).
let repoRoot =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then
            failwith "cannot find the repository root from the test's folder"
        elif File.Exists(Path.Combine(dir.FullName, "paket.dependencies")) then
            dir.FullName
        else
            up dir.Parent

    up (DirectoryInfo AppContext.BaseDirectory)

/// The mirage CLI under test: `MIRAGE_CLI` (build.fsx sets it to the published ReadyToRun CLI),
/// else the mirage.dll built beside these tests, run by `dotnet`.
let mirageCommand () =
    match Environment.GetEnvironmentVariable "MIRAGE_CLI" with
    | NonNull path when path <> "" && File.Exists path -> path, []
    | _ -> "dotnet", [ Path.Combine(AppContext.BaseDirectory, "mirage.dll") ]

/// Runs mirage in `workDir` with an isolated config cache unless one is given in `env`.
let mirageWith env workDir (args: string list) =
    let file, prefix = mirageCommand ()
    runWith env (TimeSpan.FromMinutes 10.) workDir file (prefix @ args)

let mirage workDir args = mirageWith [] workDir args

/// A fresh temporary folder, deleted when disposed.
type TempDir() =
    let path =
        Path.Combine(Path.GetTempPath(), "mirage-test-" + Guid.NewGuid().ToString("N")[..11])

    do Directory.CreateDirectory path |> ignore
    member _.Path = path

    member _.Write (name: string) (text: string) =
        let file = Path.Combine(path, name)
        Directory.CreateDirectory(Path.GetDirectoryName file) |> ignore
        File.WriteAllText(file, text)
        file

    interface IDisposable with
        member _.Dispose() =
            try
                Directory.Delete(path, true)
            with _ ->
                ()

/// Runs curl with `args`, reads `count` bytes of what it downloads, then kills it: its connection
/// ends with data unread, as when a user stops a download (a client leaving mid-response).
let curlLeaving (args: string list) (count: int) =
    let info =
        ProcessStartInfo("curl", "--silent" :: "--max-time" :: "60" :: args, RedirectStandardOutput = true)

    use proc = Process.Start info
    let buffer = Array.zeroCreate<byte> 65536
    let mutable total = 0

    while total < count do
        let n = proc.StandardOutput.BaseStream.Read(buffer, 0, buffer.Length)

        if n = 0 then
            failwith $"curl {args} ended after {total} bytes"

        total <- total + n

    proc.Kill()
    proc.WaitForExit()

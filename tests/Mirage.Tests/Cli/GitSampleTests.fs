/// The git sample end to end: built once, it clones a repository from `git daemon` on loopback
/// over git://, and from `git http-backend` over smart HTTP, and prints a file of it; a missing file,
/// a remote nobody serves, a remote that is not a git URL and a malformed authenticator fail clearly.
module Mirage.Tests.Cli.GitSampleTests

open System.IO
open Expecto
open Mirage.Tests.Support
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TestGit

[<Tests>]
let tests =
    sampleTests
        "Git sample"
        [
            testCase
                "git clones over git:// and smart HTTP and prints a file; fails clearly on a missing file, remote or bad URL"
            <| fun () ->
                let binary = build "git" "unix"
                let dir = sampleDir "git"
                use temp = new TempDir()
                let work = Path.Combine(temp.Path, "repository")
                makeRepository work 3 4 |> ignore
                use daemon = new Daemon(temp.Path)
                let remote = daemon.Url "repository.git"

                let printed = run dir binary [ $"--remote={remote}"; "--filename=d1/file4.txt" ]
                Expect.equal printed.ExitCode 0 $"exit code\n{printed}"

                Expect.stringContains
                    printed.Stdout
                    (File.ReadAllText(Path.Combine(work, "d1", "file4.txt")))
                    "the file, as committed"

                let head = (git work [ "rev-parse"; "main" ]).Trim()
                Expect.stringContains printed.Stdout $"at commit {head}" "logs the commit"

                let missing = run dir binary [ $"--remote={remote}"; "--filename=nope.txt" ]
                Expect.equal missing.ExitCode 1 $"a missing file\n{missing}"
                Expect.stringContains missing.Stdout "nope.txt" "names the file"

                let nobody =
                    run dir binary [ $"--remote=git://127.0.0.1:{Loopback.freePort ()}/repository.git" ]

                Expect.equal nobody.ExitCode 1 $"nobody serving\n{nobody}"
                Expect.stringContains nobody.Stdout "cloning git://127.0.0.1" "says cloning failed"

                use backend = new TestGitHttp.Backend(temp.Path, None)
                let httpRemote = backend.Url "repository.git"

                let overHttp =
                    run
                        dir
                        binary
                        [
                            $"--remote={httpRemote}"
                            "--filename=d1/file4.txt"
                            "--http-headers=Authorization:Bearer s4mple"
                        ]

                Expect.equal overHttp.ExitCode 0 $"over smart HTTP\n{overHttp}"

                Expect.stringContains
                    overHttp.Stdout
                    (File.ReadAllText(Path.Combine(work, "d1", "file4.txt")))
                    "the file, over smart HTTP"

                Expect.all backend.Seen (fun s -> s.Authorization = "Bearer s4mple") "--http-headers on every request"

                let badAuthenticator = run dir binary [ "--tls-authenticator=nope" ]
                Expect.equal badAuthenticator.ExitCode 64 $"a malformed authenticator\n{badAuthenticator}"

                Expect.stringContains
                    (badAuthenticator.Stdout + badAuthenticator.Stderr)
                    "TLS authenticator 'nope': expected none, key-fp"
                    "says what is wrong"

                let bad = run dir binary [ "--remote=ftp://example.test/x" ]
                Expect.equal bad.ExitCode 64 $"not a git URL\n{bad}"
                Expect.stringContains bad.Stdout "none of git, ssh, http and https" "says which schemes are known"
        ]

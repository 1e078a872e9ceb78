/// The tar-website sample end to end: an image made by GNU tar served over HTTP, and the same image
/// encrypted by python3-cryptography (encrypt.py) served through ccm_block; curl is the client.
module Mirage.Tests.Cli.TarWebsiteSampleTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.Loopback
open Mirage.Tests.Cli.NetworkSampleTests

let private name = "tar-website"
let private aesKey = "0x00112233445566778899aabbccddeeff"

/// A copy of the sample whose site.tar GNU tar made from htdocs/, configured with `keys` and built.
let private prepare (dir: string) target (keys: string list) =
    copySources (sampleDir name) dir
    let tar = run dir "tar" [ "-cf"; "site.tar"; "-C"; "htdocs"; "." ]
    Expect.equal tar.ExitCode 0 $"tar\n{tar}"
    configureAndBuild dir name target keys

let private curl = curlIn

/// The site answers its pages, read from the archive, and 404 for anything else.
let private expectServes dir port =
    let site = $"http://127.0.0.1:{port}"
    let index = File.ReadAllText(Path.Combine(dir, "htdocs", "index.html"))
    let notes = File.ReadAllText(Path.Combine(dir, "htdocs", "notes", "index.html"))
    Expect.equal (curl dir [ site + "/" ]) index "/ is index.html"
    Expect.equal (curl dir [ site + "/notes/" ]) notes "a directory's index.html"
    Expect.equal (curl dir [ "-o"; "/dev/null"; "-w"; "%{http_code}"; site + "/missing" ]) "404" "a missing file"

let private tarWebsiteOn target =
    testList
        target
        [
            testCase "serves the pages of a GNU tar image on a block file"
            <| fun () ->
                use temp = new TempDir()
                let binary = prepare temp.Path target []
                let port = freePort ()
                use service = new Service(binary, [ $"--port={port}" ], temp.Path)
                service.WaitFor $"listening on TCP port {port}: HTTP/1.1"
                expectServes temp.Path port
                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase
                "--encrypted: serves the image python3-cryptography encrypted; a wrong key fails on the first read, a malformed one at start"
            <| fun () ->
                use temp = new TempDir()
                let binary = prepare temp.Path target [ "--encrypted" ]

                let encrypt =
                    run temp.Path "python3" [ "encrypt.py"; aesKey; "site.tar"; "site.ccm" ]

                Expect.equal encrypt.ExitCode 0 $"encrypt.py\n{encrypt}"
                let port = freePort ()

                do
                    use service =
                        new Service(binary, [ $"--port={port}"; $"--aes-ccm-key={aesKey}" ], temp.Path)

                    service.WaitFor $"listening on TCP port {port}: HTTP/1.1"
                    expectServes temp.Path port
                    Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

                let wrong = "0x" + String.replicate 32 "f"

                use refused =
                    new Service(binary, [ $"--port={port}"; $"--aes-ccm-key={wrong}" ], temp.Path)

                Expect.equal (refused.ExitCode()) 1 $"exit code\n{refused.Output}"
                Expect.stringContains refused.Output "sector 0 does not decrypt" $"why\n{refused.Output}"

                // A key that is no AES key at all is a bad argument: refused when the program starts, naming it.
                for bad, why in [ "0x1234", "has 2 bytes"; "not-hex", "is not hex" ] do
                    use malformed =
                        new Service(binary, [ $"--port={port}"; $"--aes-ccm-key={bad}" ], temp.Path)

                    Expect.equal (malformed.ExitCode()) 64 $"exit code of {bad}\n{malformed.Output}"

                    Expect.stringContains
                        malformed.Output
                        $"option '--aes-ccm-key': invalid value '{bad}'"
                        $"names the option\n{malformed.Output}"

                    Expect.stringContains malformed.Output why $"says why\n{malformed.Output}"
        ]

[<Tests>]
let tests = sampleTests "Tar website samples" [ tarWebsiteOn "unix" ]

/// The static_website_tls sample end to end on every target: a copy of the sample with a fresh test
/// CA's certificate in tls/, configured with crunch and with direct stores, driven by curl.
module Mirage.Tests.Cli.StaticWebsiteTlsSampleTests

open System.IO
open Expecto
open Mirage.Tests.Support.Processes
open Mirage.Tests.Support.Samples
open Mirage.Tests.Support.TestCertificates
open Mirage.Tests.Support.Loopback
open Mirage.Tests.Cli.NetworkSampleTests

let private name = "static_website_tls"

/// A copy of the sample in `dir` whose tls/ holds a certificate for localhost from a new test CA;
/// returns the CA's PEM file (outside the copy).
let prepare (dir: string) (caDir: string) =
    copySources (sampleDir name) dir
    writeServer (issue false) (Path.Combine(dir, "tls")) caDir

let private configureAndBuild dir target keys = configureAndBuild dir name target keys

/// curl in `dir` with `args`: its standard output with LF line ends (the headers, with -D -, then the body).
let private curl dir args = (curlIn dir args).Replace("\r\n", "\n")

/// The website answers `curl` (a run of curl taking its arguments, returning its output with LF line ends):
/// index.html with HSTS over HTTPS, 404 for a missing file, 301 from HTTP.
let expectServes (curl: string list -> string) (ca: string) httpPort httpsPort (index: string) =
    let https = $"https://localhost:{httpsPort}"
    let page = curl [ "--cacert"; ca; "-D"; "-"; https + "/" ]
    Expect.stringStarts page "HTTP/2 200" $"200 over h2\n{page}"
    Expect.stringContains page "strict-transport-security: max-age=31536000\n" "HSTS"
    Expect.stringContains page "content-type: text/html\n" "the content type of index.html"
    Expect.stringEnds page $"\n\n{index}" "index.html's bytes"
    let same = curl [ "--cacert"; ca; "--http1.1"; https + "/index.html" ]
    Expect.equal same index "/index.html over HTTP/1.1 is / too"

    let missing =
        curl
            [
                "--cacert"
                ca
                "-o"
                "/dev/null"
                "-w"
                "%{http_code}"
                https + "/missing.html"
            ]

    Expect.equal missing "404" "a missing file"

    let outside =
        curl
            [
                "--cacert"
                ca
                "--path-as-is"
                "-o"
                "/dev/null"
                "-w"
                "%{http_code}"
                https + "/../tls/server.key"
            ]

    Expect.equal outside "404" "nothing outside the site's store"

    let redirect =
        curl [ "-D"; "-"; "-o"; "/dev/null"; $"http://localhost:{httpPort}/a/b?c=d" ]

    Expect.stringStarts redirect "HTTP/1.1 301" $"301 from plain HTTP\n{redirect}"

    Expect.stringContains
        (redirect.ToLowerInvariant())
        $"location: https://localhost:{httpsPort}/a/b?c=d\n"
        "to the same path and query over HTTPS"

    // The redirect goes only to hosts of the site's certificate, never to one the client names.
    for host in [ "evil.example"; "localhost.evil.example" ] do
        let misdirected =
            curl
                [
                    "-D"
                    "-"
                    "-o"
                    "/dev/null"
                    "-H"
                    $"Host: {host}"
                    $"http://localhost:{httpPort}/a"
                ]

        Expect.stringStarts misdirected "HTTP/1.1 4" $"Host: {host} is refused\n{misdirected}"
        Expect.isFalse (misdirected.ToLowerInvariant().Contains "location:") $"no redirect for Host: {host}"

    let byAddress =
        curl [ "-D"; "-"; "-o"; "/dev/null"; $"http://127.0.0.1:{httpPort}/x" ]

    Expect.stringContains
        (byAddress.ToLowerInvariant())
        $"location: https://127.0.0.1:{httpsPort}/x\n"
        "an address of the certificate is the site too"

    let followed =
        curl [ "--cacert"; ca; "--location"; $"http://localhost:{httpPort}/" ]

    Expect.equal followed index "curl follows the redirect to the page"

let private staticWebsiteOn target =
    testList
        target
        [
            testCase
                "crunch: HTTPS serves index.html with HSTS, 404s a missing file; HTTP answers 301 to https; the site is the built one"
            <| fun () ->
                use temp = new TempDir()
                use caDir = new TempDir()
                let ca = prepare temp.Path caDir.Path
                let binary = configureAndBuild temp.Path target []
                let index = File.ReadAllText(Path.Combine(temp.Path, "htdocs", "index.html"))
                // Crunched: the files are in the binary, so edits and removals after the build do not show.
                File.WriteAllText(Path.Combine(temp.Path, "htdocs", "index.html"), "edited after the build")
                File.Delete(Path.Combine(temp.Path, "tls", "server.key"))
                let httpPort = freePort ()
                let httpsPort = freePort ()

                use service =
                    new Service(binary, [ $"--http={httpPort}"; $"--https={httpsPort}" ], temp.Path)

                service.WaitFor $"listening on TCP port {httpsPort}: HTTPS"
                service.WaitFor $"listening on TCP port {httpPort}: HTTP/1.1"
                expectServes (curl temp.Path) ca httpPort httpsPort index
                service.WaitFor $"[http://localhost:{httpPort}/a/b?c=d] -> [https://localhost:{httpsPort}/a/b?c=d]"
                // A second instance on the same ports fails clearly; the first goes on serving.
                use second =
                    new Service(binary, [ $"--http={httpPort}"; $"--https={httpsPort}" ], temp.Path)

                Expect.equal (second.ExitCode()) 1 $"the second instance fails\n{second.Output}"

                Expect.stringContains
                    second.Output
                    $"cannot listen on TCP port {httpsPort}: address already in use"
                    "why"

                Expect.equal
                    (curl temp.Path [ "--cacert"; ca; $"https://localhost:{httpsPort}/" ])
                    index
                    "still serving"

                Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

            testCase
                "direct: the site and the certificate are read where it runs; an edit shows; a missing key is a clear error"
            <| fun () ->
                use temp = new TempDir()
                use caDir = new TempDir()
                let ca = prepare temp.Path caDir.Path

                let binary =
                    configureAndBuild temp.Path target [ "--data-kv_ro=direct"; "--certs-kv_ro=direct" ]

                let indexPath = Path.Combine(temp.Path, "htdocs", "index.html")
                let httpPort = freePort ()
                let httpsPort = freePort ()
                let args = [ $"--http={httpPort}"; $"--https={httpsPort}" ]

                do
                    use service = new Service(binary, args, temp.Path)
                    service.WaitFor $"listening on TCP port {httpsPort}: HTTPS"
                    expectServes (curl temp.Path) ca httpPort httpsPort (File.ReadAllText indexPath)
                    File.WriteAllText(indexPath, "<p>edited while running</p>")
                    File.WriteAllText(Path.Combine(temp.Path, "htdocs", "style.css"), "p { color: red }")

                    let edited = curl temp.Path [ "--cacert"; ca; $"https://localhost:{httpsPort}/" ]

                    Expect.equal edited "<p>edited while running</p>" "the edit is served"

                    let css =
                        curl temp.Path [ "--cacert"; ca; "-D"; "-"; $"https://localhost:{httpsPort}/style.css" ]

                    Expect.stringContains css "content-type: text/css\n" "content type by extension"
                    Expect.equal (service.Stop()) 130 $"stopped by SIGINT\n{service.Output}"

                File.Delete(Path.Combine(temp.Path, "tls", "server.key"))
                use broken = new Service(binary, args, temp.Path)
                Expect.equal (broken.ExitCode()) 1 $"exit code\n{broken.Output}"
                Expect.stringContains broken.Output "cannot find the key /server.key" $"why\n{broken.Output}"
        ]

/// Checks of the configuration that need one target only.
let private configuration =
    testList
        "configuration"
        [
            testCase "configure --help lists the grouped keys --data-kv_ro and --certs-kv_ro"
            <| fun () ->
                let help = mirage (sampleDir name) [ "configure"; "--help" ]
                Expect.stringContains help.Stdout "--data-kv_ro=<crunch|direct>" $"data\n{help}"
                Expect.stringContains help.Stdout "--certs-kv_ro=<crunch|direct>" $"certs\n{help}"

            testCase "with conduit_direct (stack, tls = false) the HTTPS port fails to start, naming the fix"
            <| fun () ->
                use temp = new TempDir()
                use caDir = new TempDir()
                prepare temp.Path caDir.Path |> ignore
                let config = Path.Combine(temp.Path, "config.fsx")
                let text = File.ReadAllText config
                Expect.stringContains text "tls = true" "the sample asks for TLS"
                File.WriteAllText(config, text.Replace("tls = true", "tls = false"))
                File.Delete(Path.Combine(temp.Path, "config.cs"))
                let binary = configureAndBuild temp.Path "unix" []
                let httpsPort = freePort ()

                use service =
                    new Service(binary, [ $"--http={freePort ()}"; $"--https={httpsPort}" ], temp.Path)

                Expect.equal (service.ExitCode()) 1 $"exit code\n{service.Output}"

                Expect.stringContains
                    service.Output
                    $"HTTPS on TCP port {httpsPort} needs TLS, but this conduit has none: make it with conduit_direct ~tls:true"
                    "why, and the fix"
        ]

[<Tests>]
let tests =
    sampleTests "Static website samples" [ staticWebsiteOn "unix"; staticWebsiteOn "aot"; configuration ]

// Clones --remote over git:// or smart HTTP(S) into memory (git-kv through git_tcp and git_http over
// mimic, merged) and prints the file
// --filename of its branch (mirage-skeleton's applications/git):
// `./dist/git --remote=git://127.0.0.1/repository.git#main --filename=README.md`.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let remote =
    runtime_arg (
        "remote",
        Runtime_arg.string "git://127.0.0.1/repository.git",
        doc = "The remote to clone: git:// or http(s)://host[:port]/path[#branch] (branch main by default)."
    )

let filename =
    runtime_arg ("filename", Runtime_arg.string "README.md", doc = "The file of the branch to print.")

let stack = generic_stackv4v6 ()
let happyEyeballs = generic_happy_eyeballs () $ stack
let dns = generic_dns_client () $ stack $ happyEyeballs
let mimic = mimic_happy_eyeballs $ stack $ happyEyeballs $ dns
let tcp = tcpv4v6_of_stackv4v6 $ stack
let git = merge_git_clients (git_tcp $ tcp $ mimic) (git_http () $ tcp $ mimic)

let unikernel =
    main ("Unikernel.Main", git_client @-> job, runtime_args = [ remote; filename ])

register ("git", [ unikernel $ git ])

// A static website served from a tar archive on a block device (mirage-skeleton's static_website,
// its files in a disk image rather than in the program): the files of site.tar over HTTP on --port
// (8080), index.html for a directory. Make the image with `tar -cf site.tar -C htdocs .`.
// `mirage configure --encrypted` serves the same archive encrypted with AES-CCM (upstream's
// ccm_block): encrypt it with `python3 encrypt.py KEY site.tar site.ccm` (KEY: 32 hex digits) and
// run with `--aes-ccm-key=KEY`; a wrong key fails on the first read.
#r "../../src/Mirage.Dsl.FSharp/bin/Debug/net10.0/Mirage.Dsl.FSharp.dll"

open Mirage
open type Mirage.Dsl

let encrypted =
    Key.create ("encrypted", Key.Arg.flag (Key.Arg.info "Serve site.ccm, encrypted with AES-CCM, instead of site.tar."))

let port = runtime_arg ("port", Runtime_arg.port 8080, doc = "The HTTP port.")

let aes_ccm_key =
    runtime_arg ("aes-ccm-key", Runtime_arg.required_string, doc = "The key of the block device (hex formatted).")

let disk =
    if_impl (Key.value encrypted) (ccm_block (aes_ccm_key, block_of_file "site.ccm")) (block_of_file "site.tar")

let server = paf_server (tcpv4v6_of_stackv4v6 $ generic_stackv4v6 ())

let main =
    main ("Website.Serve", kv_ro @-> http_server @-> job, runtime_args = [ port ])

register ("tar-website", [ main $ tar_kv_ro disk $ server ])

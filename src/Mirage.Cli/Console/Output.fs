/// Where the CLI's messages go, and the exit codes it uses.
module Mirage.Cli.Console.Output

/// A user-facing failure: printed to stderr (no stack trace), then the process exits with `code`.
exception CliError of message: string * code: int

let fail message = raise (CliError(message, 1))

let failf fmt = Printf.kprintf fail fmt

let eprintLines (lines: string seq) =
    for line in lines do
        eprintfn "%s" line

/// User-facing failures of the CLI's commands: a message and an exit code.
module Mirage.Cli.Failure

/// A user-facing failure: printed to stderr (no stack trace) and the CLI exits with `code`; an empty
/// message means the details (diagnostics) were already printed.
exception MirageError of message: string * code: int

let fail message = raise (MirageError(message, 1))

let failf fmt = Printf.kprintf fail fmt

let eprintLines (lines: string seq) =
    for line in lines do
        eprintfn "%s" line

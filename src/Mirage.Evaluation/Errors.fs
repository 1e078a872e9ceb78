/// User-facing failures of evaluating a config (and of the CLI's commands): a message and an exit code.
module Mirage.Evaluation.Errors

/// A user-facing failure: the CLI prints it to stderr (no stack trace) and exits with `code`; an empty
/// message means the details (compiler diagnostics) were already printed.
exception MirageError of message: string * code: int

let fail message = raise (MirageError(message, 1))

let failf fmt = Printf.kprintf fail fmt

let eprintLines (lines: string seq) =
    for line in lines do
        eprintfn "%s" line

/// `mirage query`: print one fact about the configured unikernel, computed in memory.
module Mirage.Cli.Commands.Query

open Mirage.Engine.Describe

let run (session: Session.Session) (kind: QueryKind) =
    for line in Mirage.Engine.Describe.Query.Render(Session.configuration session, kind) do
        printfn "%s" line

    0

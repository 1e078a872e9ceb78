namespace Mirage

open Mirage.Engine.Diagnostics
open Mirage.Engine.Model

/// <summary>
/// Where <c>register</c> leaves the unikernel it describes, for the CLI to take once config.fsx has
/// run. A configuration registers one unikernel: a second <c>register</c> before a <c>Take</c> is an error.
/// </summary>
[<Sealed>]
type Registry private () =

    static let gate = obj ()
    static let mutable registered: Registration option = None

    /// <summary>Records what <c>register</c> built.</summary>
    /// <exception cref="T:Mirage.Engine.Diagnostics.ConfigurationException">A unikernel is registered already.</exception>
    static member Record(registration: Registration) : unit =
        lock gate (fun () ->
            match registered with
            | Some first ->
                let message =
                    $"register is called twice: '{first.Name}' at {Location.describe first.Location}, "
                    + $"then '{registration.Name}' at {Location.describe registration.Location}; "
                    + "a configuration registers one unikernel"

                raise (ConfigurationException(Diagnostic("register-twice", message, registration.Location)))
            | None -> registered <- Some registration)

    /// The registered unikernel, if any, leaving the registry empty.
    static member Take() : Registration option =
        lock gate (fun () ->
            let taken = registered
            registered <- None
            taken)

namespace Mirage

open Mirage.Engine.Model

/// <summary>
/// How <c>register</c> hands the unikernel it describes to whoever runs config.fsx: through the
/// engine's <c>RegistrationCapture</c>, the same as the C# facade's <c>Register</c>. Outside a
/// capture nothing is recorded; inside one, a second <c>register</c> is an error naming both.
/// </summary>
[<AbstractClass; Sealed>]
type Registry =

    /// <summary>Records what <c>register</c> built in the open capture, if any.</summary>
    /// <exception cref="T:Mirage.Engine.Diagnostics.ConfigurationException">The capture holds a unikernel already.</exception>
    static member Record(registration: Registration) : unit =
        RegistrationCapture.Record(registration, "register")

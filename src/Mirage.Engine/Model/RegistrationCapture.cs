namespace Mirage.Engine.Model;

/// <summary>
/// How a config hands its registration to whoever runs it, in either language: neither a script nor
/// top-level statements can return a value, so F#'s <c>register</c> and C#'s <c>Register</c> record
/// what they built here while a capture is open. Outside a capture (a program using the library
/// API) recording does nothing, so a program may build as many registrations as it likes.
/// </summary>
public static class RegistrationCapture
{
    private static readonly AsyncLocal<Capture?> Current = new();

    /// <summary>Opens a capture on this flow of execution; dispose it to close it.</summary>
    public static Capture Begin()
    {
        var capture = new Capture(Current.Value);
        Current.Value = capture;
        return capture;
    }

    /// <summary>Records a registration in the open capture, if any.</summary>
    /// <param name="registration">What was registered.</param>
    /// <param name="spelling">How the front end spells the call, for the error on a second one.</param>
    /// <exception cref="Diagnostics.ConfigurationException">The capture holds a registration already.</exception>
    public static void Record(Registration registration, string spelling = "Register") =>
        Current.Value?.Add(registration, spelling);

    /// <summary>An open capture: what was registered while it was open.</summary>
    public sealed class Capture : IDisposable
    {
        private readonly Capture? _outer;

        internal Capture(Capture? outer) => _outer = outer;

        /// <summary>The registration recorded, or null.</summary>
        public Registration? Registered { get; private set; }

        internal void Add(Registration registration, string spelling)
        {
            if (Registered is { } first)
            {
                var message =
                    $"{spelling} is called twice: '{first.Name}' at {Where(first.Location)}, then " +
                    $"'{registration.Name}' at {Where(registration.Location)}; a configuration registers one unikernel";
                throw new Diagnostics.ConfigurationException(
                    new Diagnostics.Diagnostic("register-twice", message, registration.Location));
            }
            Registered = registration;
        }

        private static string Where(SourceLocation? location) => location?.ToString() ?? "an unknown place";

        public void Dispose() => Current.Value = _outer;
    }
}

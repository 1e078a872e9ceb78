namespace Mirage.Engine.Model;

/// <summary>The devices that <c>register</c> connects before any job, each overridable.</summary>
public enum InitRole
{
    Argv,
    Reporter,
    Sleep,
    PTime,
    MTime,
    Random,
}

/// <summary>
/// What upstream's <c>register</c> records: the unikernel's name, its jobs (started together once
/// every device is connected), and the init devices (argv, log reporter, clocks, random) that the
/// runtime installs first.
/// </summary>
public sealed record Registration(
    string Name,
    IReadOnlyList<Impl> Jobs,
    IReadOnlyList<(InitRole Role, Impl Impl)> Init,
    SourceLocation? Location = null);

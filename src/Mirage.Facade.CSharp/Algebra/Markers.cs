namespace Mirage.CSharp;

// Phantom types: never instantiated, they only index Typ<T> and Impl<T>.

/// <summary>The module type of a functor from <typeparamref name="TArg"/> to <typeparamref name="TResult"/>.</summary>
public sealed class Fn<TArg, TResult>
{
    private Fn() { }
}

/// <summary>The module type of jobs, what <see cref="Dsl.Register"/> starts.</summary>
public sealed class Job
{
    private Job() { }
}

/// <summary>The module type of sleep devices.</summary>
public sealed class Sleep
{
    private Sleep() { }
}

/// <summary>The module type of POSIX (wall) clocks.</summary>
public sealed class PTime
{
    private PTime() { }
}

/// <summary>The module type of monotonic clocks.</summary>
public sealed class MTime
{
    private MTime() { }
}

/// <summary>The module type of random generators.</summary>
public sealed class Random
{
    private Random() { }
}

/// <summary>The module type of log reporters.</summary>
public sealed class Reporter
{
    private Reporter() { }
}

/// <summary>The module type of the command line.</summary>
public sealed class Argv
{
    private Argv() { }
}

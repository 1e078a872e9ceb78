namespace Mirage

// Phantom types: they have no values, and only index 'a typ and 'a impl so that the F# compiler
// rejects a functor applied to a device of the wrong module type.

/// The module type of jobs, what <c>register</c> starts.
[<AbstractClass; Sealed>]
type job = class end

/// The module type of sleep devices (upstream's <c>sleep</c>, formerly <c>time</c>).
[<AbstractClass; Sealed>]
type sleep = class end

/// The module type of POSIX (wall) clocks (upstream's <c>ptime</c>, formerly <c>pclock</c>).
[<AbstractClass; Sealed>]
type ptime = class end

/// The module type of monotonic clocks (upstream's <c>mtime</c>, formerly <c>mclock</c>).
[<AbstractClass; Sealed>]
type mtime = class end

/// The module type of random generators.
[<AbstractClass; Sealed>]
type random = class end

/// The module type of log reporters.
[<AbstractClass; Sealed>]
type reporter = class end

/// The module type of the command line that runtime arguments are parsed from.
[<AbstractClass; Sealed>]
type argv = class end

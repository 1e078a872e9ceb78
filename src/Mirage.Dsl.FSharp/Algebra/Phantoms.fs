namespace Mirage

// The module types of the catalogue by upstream's names: abbreviations of the phantom types the
// catalogue declares (Mirage.Devices, namespace Mirage.CSharp), so that a functor applied to a
// device of the wrong module type is a compile error naming both in upstream's words
// ("Expecting a 'stackv4v6 impl' but given a 'kv_ro impl'").

/// The module type of jobs, what <c>register</c> starts.
type job = Mirage.CSharp.Job

/// The module type of sleep devices (upstream's <c>sleep</c>, formerly <c>time</c>).
type sleep = Mirage.CSharp.Sleep

/// The module type of POSIX (wall) clocks (upstream's <c>ptime</c>, formerly <c>pclock</c>).
type ptime = Mirage.CSharp.PTime

/// The module type of monotonic clocks (upstream's <c>mtime</c>, formerly <c>mclock</c>).
type mtime = Mirage.CSharp.MTime

/// The module type of random generators.
type random = Mirage.CSharp.Random

/// The module type of log reporters.
type reporter = Mirage.CSharp.Reporter

/// The module type of the command line that runtime arguments are parsed from.
type argv = Mirage.CSharp.Argv

namespace Mirage

open Mirage.Devices

/// The mock clocks (upstream's mirage-ptime and mirage-mtime <c>mock</c> implementations).
[<AutoOpen>]
module ClockDevices =
    type Dsl with
        /// <summary>
        /// A POSIX clock at the epoch, with no time zone and no period, that moves only when the
        /// program sets it (upstream's <c>mock_ptime</c>): its value is a
        /// <c>Mirage.Runtime.Time.MockPClock</c>.
        /// </summary>
        static member mock_ptime: ptime impl = Catalogue.MockPTime

        /// <summary>
        /// A monotonic clock at zero that moves only when the program ticks it (upstream's
        /// <c>mock_mtime</c>): its value is a <c>Mirage.Runtime.Time.MockMClock</c>.
        /// </summary>
        static member mock_mtime: mtime impl = Catalogue.MockMTime

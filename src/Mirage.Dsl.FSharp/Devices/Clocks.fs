namespace Mirage

open Mirage.Devices

/// The mock clocks (upstream's mirage-ptime and mirage-mtime <c>mock</c> implementations).
[<AutoOpen>]
module ClockDevices =
    let private mockPTime = impl<ptime> Catalogue.MockPTime
    let private mockMTime = impl<mtime> Catalogue.MockMTime

    type Dsl with
        /// <summary>
        /// A POSIX clock at the epoch, with no time zone and no period, that moves only when the
        /// program sets it (upstream's <c>mock_ptime</c>): its value is a
        /// <c>Mirage.Runtime.Time.MockPClock</c>.
        /// </summary>
        static member mock_ptime: ptime impl = mockPTime

        /// <summary>
        /// A monotonic clock at zero that moves only when the program ticks it (upstream's
        /// <c>mock_mtime</c>): its value is a <c>Mirage.Runtime.Time.MockMClock</c>.
        /// </summary>
        static member mock_mtime: mtime impl = mockMTime

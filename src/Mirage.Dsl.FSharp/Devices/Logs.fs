namespace Mirage

/// <summary>Log levels (upstream's <c>Logs</c>): <c>default_reporter (level = Logs.Debug)</c>.</summary>
module Logs =

    /// <summary>A log threshold, from the least to the most verbose.</summary>
    type level =
        /// Application messages only.
        | App
        /// Errors.
        | Error
        /// Errors and warnings.
        | Warning
        /// Errors, warnings and information.
        | Info
        /// Everything.
        | Debug

    let internal toCatalogue level =
        match level with
        | App -> Mirage.Devices.LogLevel.App
        | Error -> Mirage.Devices.LogLevel.Error
        | Warning -> Mirage.Devices.LogLevel.Warning
        | Info -> Mirage.Devices.LogLevel.Info
        | Debug -> Mirage.Devices.LogLevel.Debug

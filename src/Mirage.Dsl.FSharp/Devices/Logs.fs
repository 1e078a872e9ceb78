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
        | App -> Mirage.Runtime.Logging.LogLevel.App
        | Error -> Mirage.Runtime.Logging.LogLevel.Error
        | Warning -> Mirage.Runtime.Logging.LogLevel.Warning
        | Info -> Mirage.Runtime.Logging.LogLevel.Info
        | Debug -> Mirage.Runtime.Logging.LogLevel.Debug

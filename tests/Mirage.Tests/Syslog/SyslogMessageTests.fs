module Mirage.Tests.Syslog.SyslogMessageTests

open System
open System.Text
open Expecto
open FsCheck
open Mirage.Runtime.Logging
open Mirage.Runtime.Syslog

let private time = DateTimeOffset(2026, 12, 3, 9, 5, 7, 123, TimeSpan.Zero)

let private rfc5424 source level message =
    Encoding.UTF8.GetString(SyslogMessage.Encode(SyslogFormat.Rfc5424, time, "http", source, level, message))

let private rfc3164 source level message =
    Encoding.UTF8.GetString(SyslogMessage.Encode(SyslogFormat.Rfc3164, time, "http", source, level, message))

[<Tests>]
let tests =
    testList
        "Syslog.Message"
        [
            testCase "RFC 5424: PRI, version, UTC time, host and app name, nil PROCID, the source as MSGID, nil SD"
            <| fun () ->
                Expect.equal
                    (rfc5424 "application" LogLevel.Info "hello")
                    "<30>1 2026-12-03T09:05:07.123000Z http http - application - hello"
                    "message"

            testCase
                "with no clock (no_ptime), RFC 5424's TIMESTAMP is the NILVALUE and RFC 3164 leaves time and host out"
            <| fun () ->
                let encode format =
                    Encoding.UTF8.GetString(
                        SyslogMessage.Encode(format, Nullable(), "http", "application", LogLevel.Info, "hello")
                    )

                Expect.equal (encode SyslogFormat.Rfc5424) "<30>1 - http http - application - hello" "RFC 5424"
                Expect.equal (encode SyslogFormat.Rfc3164) "<30>application: hello" "RFC 3164"

            testCase "severities are logs-syslog's, facility daemon (3)"
            <| fun () ->
                let pri level = SyslogPriority.Of level

                Expect.equal
                    [
                        pri LogLevel.App
                        pri LogLevel.Error
                        pri LogLevel.Warning
                        pri LogLevel.Info
                        pri LogLevel.Debug
                    ]
                    [ 30; 27; 28; 30; 31 ]
                    "PRI values"

            testCase "RFC 3164: BSD time with a space-padded day, host, the source as TAG"
            <| fun () ->
                Expect.equal (rfc3164 "dns" LogLevel.Error "timeout") "<27>Dec  3 09:05:07 http dns: timeout" "message"

            testCase "newlines and control characters are escaped: one report is one message"
            <| fun () ->
                Expect.equal
                    (rfc5424 "s" LogLevel.Info "a\nb\r\x1b[31mc\x00")
                    "<30>1 2026-12-03T09:05:07.123000Z http http - s - a\\nb\\r\\x1b[31mc\\x00"
                    "escaped"

            testCase "a lone surrogate becomes U+FFFD: the bytes are valid UTF-8"
            <| fun () ->
                let bytes =
                    SyslogMessage.Encode(SyslogFormat.Rfc5424, time, "h", "s", LogLevel.Info, "x\uD800y")

                let strict = UTF8Encoding(false, true)
                Expect.stringEnds (strict.GetString bytes) "x\uFFFDy" "replacement character"

            testCase "header fields keep printable ASCII only, within RFC 5424's lengths"
            <| fun () ->
                let text = rfc5424 ("a source with spaces é" + String('x', 40)) LogLevel.Info "m"
                let fields = text.Split(' ')
                Expect.equal fields.[5].Length 32 "MSGID is at most 32 characters"
                Expect.stringStarts fields.[5] "a_source_with_spaces__" "spaces and non-ASCII become _"

                Expect.equal
                    (rfc5424 "" LogLevel.Info "m")
                    "<30>1 2026-12-03T09:05:07.123000Z http http - - - m"
                    "empty is NILVALUE"

            testCase "truncation cuts at the byte limit, never inside a UTF-8 sequence"
            <| fun () ->
                let full =
                    SyslogMessage.Encode(SyslogFormat.Rfc5424, time, "h", "s", LogLevel.Info, "ééé")

                let cut =
                    SyslogMessage.Encode(SyslogFormat.Rfc5424, time, "h", "s", LogLevel.Info, "ééé", full.Length - 3)

                Expect.equal cut.Length (full.Length - 4) "the half é is left out"
                Expect.stringEnds (UTF8Encoding(false, true).GetString cut) "é" "valid UTF-8"

            testProperty "octet counting: the prefix is the message's length in bytes"
            <| fun (message: byte[]) ->
                let message = if isNull message then [||] else message
                let frame = OctetCounting.Frame(ReadOnlySpan message)
                let space = Array.IndexOf(frame, byte ' ')
                let length = Int32.Parse(Encoding.ASCII.GetString(frame, 0, space))
                length = message.Length && frame.[space + 1 ..] = message

            testProperty "any report is one message of valid UTF-8 without a line break or control byte"
            <| fun (NonNull(source: string)) (NonNull(message: string)) ->
                let bytes =
                    SyslogMessage.Encode(SyslogFormat.Rfc5424, time, "h", source, LogLevel.Warning, message)

                let text = UTF8Encoding(false, true).GetString bytes
                text |> Seq.forall (fun c -> not (Char.IsControl c))

            testCase "backoff doubles from its start up to its maximum"
            <| fun () ->
                let backoff = SyslogBackoff(TimeSpan.FromMilliseconds 100., TimeSpan.FromSeconds 1.)

                Expect.equal
                    [ for failures in 1..6 -> (backoff.After failures).TotalMilliseconds ]
                    [ 100.; 200.; 400.; 800.; 1000.; 1000. ]
                    "waits"

                Expect.equal (backoff.After 1000) (TimeSpan.FromSeconds 1.) "no overflow"
        ]

module Mirage.Tests.Dsl.Conversions

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Microsoft.CodeAnalysis
open Microsoft.CodeAnalysis.CSharp
open Microsoft.CodeAnalysis.CSharp.Syntax
open Mirage
open type Mirage.Dsl
open Mirage.Devices.Conversion

/// Strings of any UTF-16 code units: controls, quotes, backslashes, lone surrogates, line separators.
let private anyString =
    Gen.choose (0, 0xFFFF)
    |> Gen.map char
    |> Gen.arrayOf
    |> Gen.map String
    |> Arb.fromGen

/// The value of a C# literal expression, reading a leading unary minus as C# does.
let private literalValue (code: string) : objnull =
    let expression = SyntaxFactory.ParseExpression code
    Expect.isEmpty (expression.GetDiagnostics()) $"{code} parses without diagnostics"
    Expect.equal (expression.ToFullString()) code $"{code} is one expression"

    match expression with
    | :? LiteralExpressionSyntax as literal -> literal.Token.Value
    | :? PrefixUnaryExpressionSyntax as negation when negation.OperatorToken.IsKind SyntaxKind.MinusToken ->
        match negation.Operand with
        | :? LiteralExpressionSyntax as literal ->
            match literal.Token.Value with
            | :? double as d -> box -d
            | :? int as i -> box (-(decimal i))
            | :? uint32 as i -> box (-(decimal i))
            | :? int64 as i -> box (-(decimal i))
            | :? uint64 as i -> box (-(decimal i))
            | other -> failtestf "unexpected literal %O" other
        | other -> failtestf "expected a literal after '-', got %O" other
    | other -> failtestf "expected a literal, got %O" other

let private asDecimal (value: objnull) =
    match value with
    | :? int as i -> decimal i
    | :? uint32 as i -> decimal i
    | :? int64 as i -> decimal i
    | :? uint64 as i -> decimal i
    | :? decimal as d -> d
    | other -> failtestf "expected an integer, got %O" other

let private roundTrips (converter: Converter<'a>) (value: 'a) =
    let ok, parsed, error = converter.TryParse(converter.Print value)
    ok && error = "" && parsed = value

[<Tests>]
let tests =
    testList
        "Dsl.Conversions"
        [
            testProperty "strings print and parse back"
            <| Prop.forAll anyString (roundTrips Converters.String)

            testProperty "ints print and parse back" <| roundTrips Converters.Int
            testProperty "int64s print and parse back" <| roundTrips Converters.Int64
            testProperty "bools print and parse back" <| roundTrips Converters.Bool

            testProperty "floats print and parse back exactly"
            <| fun (value: float) ->
                let ok, parsed, _ = Converters.Float.TryParse(Converters.Float.Print value)

                ok
                && BitConverter.DoubleToInt64Bits parsed = BitConverter.DoubleToInt64Bits value

            testProperty "a string's C# literal is valid C# with the same value"
            <| Prop.forAll anyString (fun value ->
                let literal = Converters.String.CSharpLiteral value
                literalValue literal = box value)

            testProperty "an int's C# literal is valid C# of type int with the same value"
            <| fun (value: int) ->
                let literal = Converters.Int.CSharpLiteral value
                asDecimal (literalValue literal) = decimal value

            testProperty "an int64's C# literal is valid C# with the same value"
            <| fun (value: int64) ->
                let literal = Converters.Int64.CSharpLiteral value
                literal.EndsWith "L" && asDecimal (literalValue literal) = decimal value

            testProperty "a bool's C# literal is valid C# with the same value"
            <| fun (value: bool) -> literalValue (Converters.Bool.CSharpLiteral value) = box value

            testProperty "a finite float's C# literal is a double with the same bits"
            <| fun (NormalFloat value) ->
                match literalValue (Converters.Float.CSharpLiteral value) with
                | :? double as d -> BitConverter.DoubleToInt64Bits d = BitConverter.DoubleToInt64Bits value
                | other -> failtestf "expected a double, got %O" other

            test "extreme values" {
                Expect.equal (Converters.Int.CSharpLiteral Int32.MinValue) "-2147483648" "int min"
                Expect.equal (Converters.Int64.CSharpLiteral Int64.MinValue) "-9223372036854775808L" "int64 min"
                Expect.equal (asDecimal (literalValue "-9223372036854775808L")) (decimal Int64.MinValue) "valid C#"
                Expect.equal (Converters.Float.CSharpLiteral 1.0) "1.0" "a double, not an int"
                Expect.equal (Converters.Float.CSharpLiteral 1e20) "1E+20" "exponent"
                Expect.equal (Converters.Float.CSharpLiteral nan) "global::System.Double.NaN" "NaN"
                Expect.equal (Converters.Float.CSharpLiteral infinity) "global::System.Double.PositiveInfinity" "+inf"
                Expect.equal (Converters.Float.CSharpLiteral -infinity) "global::System.Double.NegativeInfinity" "-inf"
                Expect.equal (Converters.String.CSharpLiteral "a\"b\\c\n") "\"a\\\"b\\\\c\\n\"" "escapes"
                Expect.equal (Converters.String.CSharpLiteral "héllo 🐫") "\"héllo 🐫\"" "keeps readable text"
                Expect.equal (Converters.String.CSharpLiteral(string (char 0xD800))) "\"\\uD800\"" "a lone surrogate"
            }

            test "bool parsing is strict" {
                let ok, _, error = Converters.Bool.TryParse "yes"
                Expect.isFalse ok "refuses yes"
                Expect.stringContains error "'true' or 'false'" "says what it expected"
            }

            test "runtime argument kinds emit the runtime's Arg factories" {
                let spec (arg: abstract_runtime_arg) = arg.RuntimeArg.SpecExpression
                let prefix = "Mirage.Runtime.Arguments.Arg."

                Expect.equal
                    (spec (runtime_arg ("count", Runtime_arg.int -3, doc = "How many.", docv = "N")))
                    (prefix + "Int(\"count\", -3, \"How many.\", \"N\")")
                    "int with docv"

                Expect.equal
                    (spec (runtime_arg ("big", Runtime_arg.int64 5L)))
                    (prefix + "Int64(\"big\", 5L, \"\")")
                    "int64"

                Expect.equal
                    (spec (runtime_arg ("ratio", Runtime_arg.float 0.5, doc = "R.")))
                    (prefix + "Float(\"ratio\", 0.5, \"R.\")")
                    "float"

                Expect.equal
                    (spec (runtime_arg ("on", Runtime_arg.bool true, doc = "On.")))
                    (prefix + "Bool(\"on\", true, \"On.\")")
                    "bool"

                Expect.equal
                    (spec (runtime_arg ("verbose", Runtime_arg.flag, doc = "Talk.")))
                    (prefix + "Flag(\"verbose\", \"Talk.\")")
                    "flag"

                Expect.equal
                    (spec (runtime_arg ("name", Runtime_arg.opt_string, doc = "Who.")))
                    (prefix + "OptString(\"name\", \"Who.\")")
                    "optional string"

                Expect.equal (runtime_arg ("name", Runtime_arg.opt_string)).RuntimeArg.CSharpType "string?" "nullable"

                Expect.equal
                    (spec (runtime_arg ("greeting", Runtime_arg.string "say \"hi\"")))
                    (prefix + "String(\"greeting\", \"say \\\"hi\\\"\", \"\")")
                    "escaped default"
            }

            test
                "required runtime arguments have no default, emit Arg.Required*, and are marked required, in both front ends" {
                let prefix = "Mirage.Runtime.Arguments.Arg."

                let fsharp =
                    [
                        runtime_arg ("key", Runtime_arg.required_string, doc = "The key.", docv = "KEY")
                        :> abstract_runtime_arg
                        runtime_arg ("port", Runtime_arg.required_int)
                        runtime_arg ("big", Runtime_arg.required_int64)
                        runtime_arg ("ratio", Runtime_arg.required_float)
                    ]
                    |> List.map _.RuntimeArg

                let csharp =
                    [
                        Mirage.CSharp.Dsl.RuntimeArg("key", Mirage.CSharp.ArgKind.RequiredString(), "The key.", "KEY")
                        :> Mirage.CSharp.AbstractRuntimeArg
                        Mirage.CSharp.Dsl.RuntimeArg("port", Mirage.CSharp.ArgKind.RequiredInt())
                        Mirage.CSharp.Dsl.RuntimeArg("big", Mirage.CSharp.ArgKind.RequiredInt64())
                        Mirage.CSharp.Dsl.RuntimeArg("ratio", Mirage.CSharp.ArgKind.RequiredFloat())
                    ]
                    |> List.map _.RuntimeArg

                for args in [ fsharp; csharp ] do
                    Expect.equal
                        (args |> List.map (fun a -> a.SpecExpression, a.CSharpType, a.Required))
                        [
                            prefix + "RequiredString(\"key\", \"The key.\", \"KEY\")", "string", true
                            prefix + "RequiredInt(\"port\", \"\")", "int", true
                            prefix + "RequiredInt64(\"big\", \"\")", "long", true
                            prefix + "RequiredFloat(\"ratio\", \"\")", "double", true
                        ]
                        "spec, type, required"

                Expect.isFalse (runtime_arg ("n", Runtime_arg.int 1)).RuntimeArg.Required "one with a default is not"
            }

            test "a runtime argument without a value has no docv, and names are checked" {
                Expect.throwsT<ArgumentException>
                    (fun () -> runtime_arg ("on", Runtime_arg.flag, docv = "X") |> ignore)
                    "a flag has no docv"

                Expect.throwsT<ArgumentException>
                    (fun () -> runtime_arg ("Bad Name", Runtime_arg.int 1) |> ignore)
                    "invalid name"
            }
        ]

module Mirage.Tests.Dsl.Keys

open System
open Expecto
open Mirage
open Mirage.Engine.Model
open Mirage.Engine.Targets

type private Size =
    | Small
    | Large

/// A boxed value, as the engine holds key values.
let private o (x: 'a) : obj = nonNull (box x)

/// Resolves the keys given, and every other key to its default.
let private environment (values: (abstract_key * obj) list) =
    { new IKeyEnvironment with
        member _.ValueOf key =
            values
            |> List.tryPick (fun (k, v) -> if obj.ReferenceEquals(k.Key, key) then Some v else None)
            |> Option.defaultValue key.Default
    }

let private targetIs (name: string) =
    { new IKeyEnvironment with
        member _.ValueOf key =
            if obj.ReferenceEquals(key, KnownTargets.Key) then
                o name
            else
                key.Default
    }

[<Tests>]
let tests =
    testList
        "Dsl.Keys"
        [
            test "Key.create builds the engine key with its name, doc, docv and default" {
                let hello =
                    Key.create ("hello", Key.Arg.opt (Key.Arg.string, "Hello World!", Key.Arg.info "How to say hello."))

                Expect.equal hello.Key.Name "hello" "name"
                Expect.equal hello.Key.Doc "How to say hello." "doc"
                Expect.equal hello.Key.Docv "STRING" "docv"
                Expect.equal hello.Key.Default (o "Hello World!") "default"

                let port =
                    Key.create ("port", Key.Arg.opt (Key.Arg.int, 8080, Key.Arg.info ("The port.", docv = "PORT")))

                Expect.equal port.Key.Docv "PORT" "docv override"
                let ok, value, _ = port.Key.TryParse "443"
                Expect.isTrue ok "parses"
                Expect.equal (nonNull value) (o 443) "value"
                let ok, _, error = port.Key.TryParse "https"
                Expect.isFalse ok "refuses"
                Expect.stringContains error "expected an integer" "says what it expected"
                Expect.equal (port.Key.Print(o 443)) "443" "prints"
            }

            test "a flag key is false by default" {
                let verbose = Key.create ("verbose", Key.Arg.flag (Key.Arg.info "Be verbose."))
                Expect.equal verbose.Key.Default (o false) "default"
                Expect.equal verbose.Key.Docv "BOOL" "docv"
            }

            test "an enum key reads and prints the names" {
                let size =
                    Key.create (
                        "size",
                        Key.Arg.opt (Key.Arg.enum [ "small", Small; "large", Large ], Small, Key.Arg.info "The size.")
                    )

                Expect.equal size.Key.Docv "small|large" "docv"
                let ok, value, _ = size.Key.TryParse "large"
                Expect.isTrue ok "parses"
                Expect.equal (nonNull value) (o Large) "value"
                let ok, _, error = size.Key.TryParse "medium"
                Expect.isFalse ok "refuses"
                Expect.stringContains error "small|large" "lists the names"
                Expect.equal (size.Key.Print(o Large)) "large" "prints"
            }

            test "a key name must be lowercase" {
                Expect.throwsT<ArgumentException>
                    (fun () -> Key.create ("Hello", Key.Arg.flag (Key.Arg.info "")) |> ignore)
                    "invalid name"
            }

            test "Key.value reads the resolved key, or its default" {
                let port =
                    Key.create ("port", Key.Arg.opt (Key.Arg.int, 8080, Key.Arg.info "The port."))

                let value = Key.value port
                Expect.equal (Key.eval (environment []) value) 8080 "default"
                Expect.equal (Key.eval (environment [ port, o 443 ]) value) 443 "resolved"
                Expect.isTrue (obj.ReferenceEquals(Seq.exactlyOne value.KeyValue.Keys, port.Key)) "reads the key"
            }

            test "pure, map, map2 and not compute typed values" {
                let port =
                    Key.create ("port", Key.Arg.opt (Key.Arg.int, 8080, Key.Arg.info "The port."))

                let host =
                    Key.create ("host", Key.Arg.opt (Key.Arg.string, "localhost", Key.Arg.info "The host."))

                let env = environment [ port, o 443 ]
                Expect.equal (Key.eval env (Key.``pure`` 3)) 3 "pure"
                Expect.equal (Key.eval env (Key.constant "x")) "x" "constant"
                Expect.isEmpty (Key.constant 1).KeyValue.Keys "constant reads no key"
                Expect.equal (Key.eval env (Key.map (fun p -> p + 1) (Key.value port))) 444 "map"

                let url = Key.map2 (sprintf "%s:%d") (Key.value host) (Key.value port)
                Expect.equal (Key.eval env url) "localhost:443" "map2"
                Expect.equal url.KeyValue.Keys.Count 2 "map2 reads both keys"
                Expect.isFalse (Key.eval env (Key.not (Key.``pure`` true))) "not"
                Expect.equal (Key.eval env (Key.map Some (Key.value port))) (Some 443) "options"
                Expect.equal (Key.eval env (Key.``pure`` None)) (None: int option) "None"
            }

            test "&&& and ||| combine boolean values, and leave integers alone" {
                let a = Key.create ("a", Key.Arg.flag (Key.Arg.info "A."))
                let b = Key.create ("b", Key.Arg.flag (Key.Arg.info "B."))
                let both = Key.value a &&& Key.value b
                let either = Key.value a ||| Key.value b

                for x in [ false; true ] do
                    for y in [ false; true ] do
                        let env = environment [ a, o x; b, o y ]
                        Expect.equal (Key.eval env both) (x && y) $"{x} &&& {y}"
                        Expect.equal (Key.eval env either) (x || y) $"{x} ||| {y}"

                Expect.equal (6 &&& 3) 2 "bitwise and"
                Expect.equal (6 ||| 3) 7 "bitwise or"
            }

            test "Key.target maps the engine's target names" {
                Expect.equal (Key.eval (targetIs "unix") Key.target) Unix "unix"
                Expect.equal (Key.eval (targetIs "aot") Key.target) Aot "aot"

                Expect.isTrue
                    (obj.ReferenceEquals(Seq.exactlyOne Key.target.KeyValue.Keys, KnownTargets.Key))
                    "the built-in key"
            }

            test "Key.v forgets the type for keys lists" {
                let a = Key.create ("a", Key.Arg.flag (Key.Arg.info "A."))
                Expect.isTrue (obj.ReferenceEquals((Key.v a).Key, a.Key)) "same key"
            }
        ]

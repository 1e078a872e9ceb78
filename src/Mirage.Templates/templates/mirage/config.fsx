// The unikernel's configuration: which devices it needs and how they plug together.
// `mirage configure` evaluates it with its own Mirage assemblies; `mirage build` builds dist/.

open Mirage
open type Mirage.Dsl

let main = main ("Unikernel.Hello", sleep @-> job)

register ("mirage-unikernel", [ main $ default_sleep ])

// The smallest unikernel: one job that does nothing. It exits 0 and prints nothing.
open Mirage
open type Mirage.Dsl

register ("noop", [ noop ])

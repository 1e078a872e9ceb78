namespace Mirage

/// <summary>
/// A module type, statically indexed by the phantom type <c>'a</c>: <c>sleep typ</c>, or
/// <c>(sleep -> job) typ</c> for a functor (built with <c>@-&gt;</c>). Upstream's <c>'a typ</c>;
/// the catalogue's <c>Typ&lt;T&gt;</c>.
/// </summary>
type 'a typ = Mirage.CSharp.Typ<'a>

namespace Mirage.Runtime.Arguments;

/// <summary>Whether an option takes a value on the command line.</summary>
internal enum ArgArity
{
    /// <summary>Always: <c>--name=value</c>, <c>--name value</c>, <c>-n value</c>, <c>-nvalue</c>.</summary>
    Required,

    /// <summary>Optionally: <c>--name</c> alone stands for the implied value (a bool's <c>true</c>).</summary>
    Optional,

    /// <summary>Never: a flag, whose presence is the implied value.</summary>
    None,
}

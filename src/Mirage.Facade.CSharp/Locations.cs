using Mirage.Engine.Model;

namespace Mirage.CSharp;

/// <summary>Source locations from the caller-info arguments of the facade's methods.</summary>
internal static class Locations
{
    /// <summary>The caller's place in the config, when the compiler filled it in.</summary>
    public static SourceLocation? Of(string file, int line) =>
        string.IsNullOrEmpty(file) ? null : new SourceLocation(file, line);
}

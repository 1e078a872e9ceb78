namespace Mirage.Engine.Model;

/// <summary>Where a device or key was declared in the user's config, for errors and <c>#line</c>.</summary>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    public override string ToString() => Column > 0 ? $"{File}({Line},{Column})" : $"{File}({Line})";
}

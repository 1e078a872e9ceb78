namespace Mirage.Runtime.Git.Objects;

/// <summary>The four kinds of git object, numbered as in a pack.</summary>
public enum ObjectKind
{
    /// <summary>A commit.</summary>
    Commit = 1,

    /// <summary>A tree (directory).</summary>
    Tree = 2,

    /// <summary>A blob (file contents).</summary>
    Blob = 3,

    /// <summary>An annotated tag.</summary>
    Tag = 4,
}

/// <summary>Names of <see cref="ObjectKind"/> as git spells them.</summary>
public static class ObjectKinds
{
    /// <summary>"commit", "tree", "blob" or "tag".</summary>
    public static string Name(this ObjectKind kind) => kind switch
    {
        ObjectKind.Commit => "commit",
        ObjectKind.Tree => "tree",
        ObjectKind.Blob => "blob",
        ObjectKind.Tag => "tag",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an object kind"),
    };
}

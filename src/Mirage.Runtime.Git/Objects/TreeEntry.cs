namespace Mirage.Runtime.Git.Objects;

/// <summary>The modes a tree entry can have.</summary>
public enum EntryMode
{
    /// <summary>A directory: 40000.</summary>
    Tree = 0x4000,

    /// <summary>A file: 100644.</summary>
    File = 0x81A4,

    /// <summary>An executable file: 100755.</summary>
    Executable = 0x81ED,

    /// <summary>A symbolic link: 120000.</summary>
    Link = 0xA000,

    /// <summary>A submodule's commit: 160000.</summary>
    Gitlink = 0xE000,
}

/// <summary>One name in a tree.</summary>
public sealed record TreeEntry(EntryMode Mode, string Name, ObjectId Id)
{
    /// <summary>Whether it names a directory.</summary>
    public bool IsTree => Mode == EntryMode.Tree;
}

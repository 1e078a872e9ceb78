using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Store;

/// <summary>
/// Changes below a root tree without touching the old trees: every tree on the path is rewritten
/// into new objects (added to the store and to <c>created</c>), the rest shared. Trees left empty disappear, as in git.
/// </summary>
public static class TreeEdit
{
    /// <summary>
    /// The root after replacing the entry at <paramref name="path"/> with what <paramref name="change"/>
    /// returns for the entry there now (null: none, and remove it); missing directories on the way are
    /// created. Null when the whole tree became empty. <paramref name="change"/> sees the entry and
    /// may throw to refuse (a directory expected, say).
    /// </summary>
    public static ObjectId? Apply(
        ObjectStore store, ICollection<GitObject> created, ObjectId? root, IReadOnlyList<string> path, Func<TreeEntry?, TreeEntry?> change)
    {
        if (path.Count == 0)
        {
            var replaced = change(root is { } r ? new TreeEntry(EntryMode.Tree, "", r) : null);
            return replaced is null ? null : replaced.IsTree ? replaced.Id : throw new ArgumentException("the root must stay a tree");
        }
        return Edit(store, created, root, path, 0, change);
    }

    private static ObjectId? Edit(
        ObjectStore store, ICollection<GitObject> created, ObjectId? tree, IReadOnlyList<string> path, int depth, Func<TreeEntry?, TreeEntry?> change)
    {
        var entries = tree is { } id ? store.Tree(id).ToList() : [];
        var name = path[depth];
        var index = entries.FindIndex(e => e.Name == name);
        var current = index >= 0 ? entries[index] : null;
        TreeEntry? next;
        if (depth == path.Count - 1)
        {
            next = change(current);
        }
        else
        {
            if (current is { IsTree: false })
            {
                throw new NotADirectoryException(string.Join('/', path.Take(depth + 1)));
            }
            var below = Edit(store, created, current?.Id, path, depth + 1, change);
            next = below is { } b ? new TreeEntry(EntryMode.Tree, name, b) : null;
        }
        if (index >= 0)
        {
            entries.RemoveAt(index);
        }
        if (next is not null)
        {
            entries.Add(next with { Name = name });
        }
        if (entries.Count == 0)
        {
            return null;
        }
        var rewritten = new GitObject(ObjectKind.Tree, Objects.Tree.Serialize(entries));
        created.Add(rewritten);
        return store.Add(rewritten);
    }

    /// <summary>A file on the way to a key is not a directory; carries the path of that file.</summary>
    public sealed class NotADirectoryException(string path) : Exception($"'{path}' is a value, not a dictionary")
    {
        /// <summary>The file's path, '/'-separated.</summary>
        public string Path { get; } = path;
    }
}

using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Store;

/// <summary>Objects by name, in memory (upstream's git-kv keeps its clone in a <c>Git.Mem</c> store); safe across tasks.</summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectId, GitObject> _objects = [];

    /// <summary>How many objects it holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="obj"/> (again is harmless) and returns its name.</summary>
    public ObjectId Add(GitObject obj)
    {
        lock (_gate)
        {
            _objects.TryAdd(obj.Id, obj);
        }
        return obj.Id;
    }

    /// <summary>The object named <paramref name="id"/>, or null.</summary>
    public GitObject? Find(ObjectId id)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(id);
        }
    }

    /// <summary>The object named <paramref name="id"/>, which must be of <paramref name="kind"/>.</summary>
    public GitObject Get(ObjectId id, ObjectKind kind)
    {
        var obj = Find(id) ?? throw new GitFormatException($"object {id} is missing from the store (a {kind.Name()} was expected)");
        return obj.Kind == kind ? obj : throw new GitFormatException($"object {id} is a {obj.Kind.Name()}, not a {kind.Name()}");
    }

    /// <summary>The entries of tree <paramref name="id"/>.</summary>
    public IReadOnlyList<TreeEntry> Tree(ObjectId id) => Objects.Tree.Parse(Get(id, ObjectKind.Tree).Data.Span);

    /// <summary>Commit <paramref name="id"/>.</summary>
    public Commit Commit(ObjectId id) => Objects.Commit.Parse(Get(id, ObjectKind.Commit).Data.Span);
}

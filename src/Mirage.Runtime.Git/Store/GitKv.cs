using System.Security.Cryptography;
using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Protocol;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Logging;

namespace Mirage.Runtime.Git.Store;

/// <summary>
/// Upstream's git-kv: a key/value store that is an in-memory clone of one branch of a remote.
/// Reads see the branch's tree at the last connect, pull or write; <see cref="PullAsync"/> takes the
/// remote's state and says which values changed; every write becomes a commit pushed at once, and a
/// write the server refuses (the branch moved on the server) changes nothing here and is a
/// <see cref="KvErrorKind.Storage"/> error: pull and write again. Values are blobs, dictionaries trees;
/// a dictionary left empty disappears, as git cannot hold one.
/// </summary>
public sealed class GitKv : IKvRw
{
    private static readonly LogSource Log = new("git.kv");
    private readonly GitClient _client;
    private readonly TimeProvider _time;
    private readonly ObjectStore _store = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private State _state;

    private GitKv(GitClient client, GitUrl remote, TimeProvider time)
    {
        _client = client;
        Remote = remote;
        _time = time;
        _state = new State(null, null);
    }

    /// <summary>The remote and branch this store clones.</summary>
    public GitUrl Remote { get; }

    /// <summary>The commit this store shows (null: the branch does not exist yet).</summary>
    public ObjectId? Head => _state.Commit;

    /// <summary>
    /// Clones <paramref name="remote"/> (<c>git://host/path.git#branch</c>, branch <c>main</c> by default)
    /// through <paramref name="client"/>. A missing branch is an empty store; the first write creates it.
    /// </summary>
    public static async Task<GitKv> ConnectAsync(
        GitClient client, string remote, CancellationToken cancellationToken = default, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var store = new GitKv(client, GitUrl.Parse(remote), time ?? TimeProvider.System);
        await store.PullAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Fetches the branch and shows the remote's state (what changed since, in key order). A fetch
    /// that fails leaves the store as it was.
    /// </summary>
    public async Task<IReadOnlyList<KeyChange>> PullAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = _state;
            var request = new FetchRequest
            {
                Wants = r => r.Name == Remote.BranchRef,
                Haves = before.Commit is { } have ? [have] : [],
                Known = _store.Find,
            };
            var result = await _client.FetchAsync(Remote, request, cancellationToken).ConfigureAwait(false);
            foreach (var packed in result.Objects)
            {
                _store.Add(packed.Object);
            }
            var head = result.Refs.FirstOrDefault(r => r.Name == Remote.BranchRef)?.Id;
            var after = head is { } commit ? new State(commit, _store.Commit(commit).Tree) : new State(null, null);
            var changes = TreeDiff.Compare(_store, before.Tree, after.Tree);
            _state = after;
            Log.Info($"{Remote}: at {head?.ToString() ?? "no commit"}, {changes.Count} values changed");
            return changes;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<KvEntryKind?>> ExistsAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<KvResult<KvEntryKind?>>(Find(_state, key) switch
        {
            null => (KvEntryKind?)null,
            { IsTree: true } => KvEntryKind.Dictionary,
            _ => KvEntryKind.Value,
        });

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Value(key).TryGetValue(out var data, out var error) ? KvResult<ReadOnlyMemory<byte>>.Ok(data) : error);

    /// <inheritdoc/>
    public ValueTask<KvResult<ReadOnlyMemory<byte>>> GetPartialAsync(Key key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!Value(key).TryGetValue(out var data, out var error))
        {
            return ValueTask.FromResult<KvResult<ReadOnlyMemory<byte>>>(error);
        }
        var start = (int)Math.Min(offset, data.Length);
        return ValueTask.FromResult(KvResult<ReadOnlyMemory<byte>>.Ok(data.Slice(start, Math.Min(length, data.Length - start))));
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<IReadOnlyList<KvEntry>>> ListAsync(Key key, CancellationToken cancellationToken = default)
    {
        var entry = Find(_state, key);
        KvResult<IReadOnlyList<KvEntry>> result = entry switch
        {
            null => KvError.NotFound(key),
            { IsTree: false } => KvError.DictionaryExpected(key),
            _ when entry.Id == ObjectId.Zero => Array.Empty<KvEntry>(),
            _ => _store.Tree(entry.Id).Where(e => e.Mode != EntryMode.Gitlink)
                .Select(e => new KvEntry(key / e.Name, e.IsTree ? KvEntryKind.Dictionary : KvEntryKind.Value))
                .OrderBy(e => e.Key).ToArray(),
        };
        return ValueTask.FromResult(result);
    }

    /// <summary>The time of the commit shown (git keeps no time per file); the epoch for an empty branch.</summary>
    public ValueTask<KvResult<DateTimeOffset>> LastModifiedAsync(Key key, CancellationToken cancellationToken = default)
    {
        var state = _state;
        return ValueTask.FromResult(Value(key, state).TryGetValue(out _, out var error)
            ? KvResult<DateTimeOffset>.Ok(state.Commit is { } c ? _store.Commit(c).CommitTime : DateTimeOffset.UnixEpoch)
            : error);
    }

    /// <inheritdoc/>
    public ValueTask<KvResult<byte[]>> DigestAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Value(key).TryGetValue(out var data, out var error) ? KvResult<byte[]>.Ok(SHA256.HashData(data.Span)) : error);

    /// <inheritdoc/>
    public ValueTask<KvResult<long>> SizeAsync(Key key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Value(key).TryGetValue(out var data, out var error) ? KvResult<long>.Ok(data.Length) : error);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetAsync(Key key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        CommitAsync($"Set {key}", key, (store, created, root) => WriteBlob(store, created, root, key, value.ToArray()), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> SetPartialAsync(Key key, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return CommitAsync($"Set {key}", key, (store, created, root) =>
        {
            var current = ValueAt(store, root, key);
            if (current is { IsTree: true })
            {
                throw new KvFailure(KvError.ValueExpected(key));
            }
            var old = current is null ? [] : store.Get(current.Id, ObjectKind.Blob).Data.ToArray();
            var start = (int)Math.Min(offset, old.Length);
            var end = Math.Min(old.Length, start + data.Length);
            byte[] next = [.. old.AsSpan(0, start), .. data.Span, .. old.AsSpan(end)];
            return WriteBlob(store, created, root, key, next);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<KvError?> RemoveAsync(Key key, CancellationToken cancellationToken = default) =>
        CommitAsync($"Remove {key}", key, (store, created, root) =>
            key.IsEmpty ? null : ValueAt(store, root, key) is null ? root : TreeEdit.Apply(store, created, root, key.Segments, _ => null),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> RenameAsync(Key source, Key destination, CancellationToken cancellationToken = default) =>
        CommitAsync($"Rename {source} to {destination}", source, (store, created, root) =>
        {
            var moved = ValueAt(store, root, source) ?? throw new KvFailure(KvError.NotFound(source));
            var target = ValueAt(store, root, destination);
            if (target is { IsTree: true })
            {
                destination /= source.Basename;
                target = ValueAt(store, root, destination);
            }
            if (moved.IsTree && source.IsPrefixOf(destination))
            {
                throw new KvFailure(KvError.RenameSourcePrefix(source, destination));
            }
            if (moved.IsTree && target is { IsTree: false })
            {
                throw new KvFailure(KvError.ValueExpected(destination));
            }
            var without = TreeEdit.Apply(store, created, root, source.Segments, _ => null);
            return TreeEdit.Apply(store, created, without, destination.Segments, _ => moved);
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<KvError?> AllocateAsync(Key key, long size, DateTimeOffset? lastModified = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return CommitAsync($"Allocate {key}", key, (store, created, root) =>
            ValueAt(store, root, key) is not null ? throw new KvFailure(KvError.AlreadyPresent(key))
            : size > Array.MaxLength ? throw new KvFailure(KvError.NoSpace(key))
            : WriteBlob(store, created, root, key, new byte[size]), cancellationToken);
    }

    private static ObjectId? WriteBlob(ObjectStore store, List<GitObject> created, ObjectId? root, Key key, byte[] data)
    {
        if (key.IsEmpty)
        {
            throw new KvFailure(KvError.ValueExpected(key));
        }
        var blob = new GitObject(ObjectKind.Blob, data);
        created.Add(blob);
        store.Add(blob);
        return TreeEdit.Apply(store, created, root, key.Segments, _ => new TreeEntry(EntryMode.File, key.Basename, blob.Id));
    }

    /// <summary>Makes the commit of one write and pushes it; only a pushed commit becomes what this store shows.</summary>
    private async ValueTask<KvError?> CommitAsync(
        string message, Key key, Func<ObjectStore, List<GitObject>, ObjectId?, ObjectId?> edit, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = _state;
            var created = new List<GitObject>();
            ObjectId? root;
            try
            {
                root = edit(_store, created, before.Tree);
            }
            catch (KvFailure failure)
            {
                return failure.Error;
            }
            catch (TreeEdit.NotADirectoryException e)
            {
                return KvError.DictionaryExpected(Key.Parse(e.Path));
            }
            if (root == before.Tree && before.Commit is not null)
            {
                return null;
            }
            var emptyTree = new GitObject(ObjectKind.Tree, Array.Empty<byte>());
            if (root is null)
            {
                created.Add(emptyTree);
                _store.Add(emptyTree);
            }
            var tree = root ?? emptyTree.Id;
            var signature = Commit.Signature("Mirage.NET git-kv", "git@mirage.invalid", _time.GetUtcNow());
            var commit = new GitObject(
                ObjectKind.Commit,
                new Commit(tree, before.Commit is { } parent ? [parent] : [], signature, signature, message + "\n").Serialize());
            created.Add(commit);
            _store.Add(commit);
            try
            {
                await _client.PushAsync(Remote, new RefUpdate(Remote.BranchRef, before.Commit ?? ObjectId.Zero, commit.Id), created, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is GitRemoteException or GitFormatException or IOException)
            {
                Log.Warning($"{Remote}: {message}: {e.Message}");
                return KvError.Storage(key, e.Message);
            }
            _state = new State(commit.Id, tree);
            return null;
        }
        finally
        {
            _writer.Release();
        }
    }

    private KvResult<ReadOnlyMemory<byte>> Value(Key key) => Value(key, _state);

    private KvResult<ReadOnlyMemory<byte>> Value(Key key, State state) => Find(state, key) switch
    {
        null => KvError.NotFound(key),
        { IsTree: true } => KvError.ValueExpected(key),
        var entry => _store.Get(entry.Id, ObjectKind.Blob).Data,
    };

    private TreeEntry? Find(State state, Key key) =>
        state.Tree is null ? key.IsEmpty ? new TreeEntry(EntryMode.Tree, "", ObjectId.Zero) : null : ValueAt(_store, state.Tree, key);

    /// <summary>The entry at <paramref name="key"/> below <paramref name="root"/> (the root itself for the empty key).</summary>
    private static TreeEntry? ValueAt(ObjectStore store, ObjectId? root, Key key)
    {
        if (root is not { } id)
        {
            return null;
        }
        var entry = new TreeEntry(EntryMode.Tree, "", id);
        foreach (var segment in key.Segments)
        {
            if (!entry.IsTree)
            {
                return null;
            }
            entry = store.Tree(entry.Id).FirstOrDefault(e => e.Name == segment);
            if (entry is null || entry.Mode == EntryMode.Gitlink)
            {
                return null;
            }
        }
        return entry;
    }

    private sealed record State(ObjectId? Commit, ObjectId? Tree);

    private sealed class KvFailure(KvError error) : Exception(error.ToString())
    {
        public KvError Error { get; } = error;
    }
}

using Mirage.Runtime.Git.Objects;

namespace Mirage.Runtime.Git.Protocol;

/// <summary>A reference a server advertised: its name, the object it names, and its target if symbolic (HEAD).</summary>
public sealed record GitRef(string Name, ObjectId Id, string? SymrefTarget = null);

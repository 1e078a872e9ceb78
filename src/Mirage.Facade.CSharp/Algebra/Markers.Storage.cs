namespace Mirage.CSharp;

/// <summary>The module type of block devices.</summary>
public sealed class Block
{
    private Block() { }
}

/// <summary>The module type of read-only key/value stores.</summary>
public sealed class KvRo
{
    private KvRo() { }
}

/// <summary>The module type of read-write key/value stores.</summary>
public sealed class KvRw
{
    private KvRw() { }
}

namespace Mirage.CSharp;

/// <summary>The module type of DNS clients.</summary>
public sealed class DnsClient
{
    private DnsClient() { }
}

/// <summary>The module type of happy eyeballs connectors.</summary>
public sealed class HappyEyeballs
{
    private HappyEyeballs() { }
}

namespace Greeting;

/// <summary>What the library has to say.</summary>
public static class Messages
{
    /// <summary>A greeting.</summary>
    public const string Hello = "Hello!";
}

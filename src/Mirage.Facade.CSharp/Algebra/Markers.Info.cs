namespace Mirage.CSharp;

/// <summary>The module type of what a unikernel knows about itself (<c>Mirage.Runtime.Info.AppInfo</c>).</summary>
public sealed class AppInfo
{
    private AppInfo() { }
}

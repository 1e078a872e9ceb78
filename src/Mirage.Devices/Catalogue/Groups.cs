namespace Mirage.Devices;

public static partial class Catalogue
{
    /// <summary>
    /// Upstream's naming of keys and runtime arguments in a group: <c>name</c>, or <c>group-name</c>
    /// when the device is given a group, so that two devices of one kind can be configured apart.
    /// </summary>
    private static string GroupName(string? group, string name) =>
        string.IsNullOrEmpty(group) ? name : $"{group}-{name}";

    /// <summary>What a grouped key's help text says it configures.</summary>
    private static string GroupDoc(string? group) =>
        string.IsNullOrEmpty(group) ? "the unikernel" : $"the {group} group";
}

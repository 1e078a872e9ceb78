namespace Mirage.Runtime;

/// <summary>
/// Thrown when a unikernel uses an init device its config disabled (upstream's <c>no_sleep</c>,
/// <c>no_ptime</c>, <c>no_mtime</c>, <c>no_random</c>): upstream would not link such a program, we
/// fail at the first use, naming the device and the way back.
/// </summary>
public sealed class DisabledDeviceException(string role, string disabledBy, string defaultDevice)
    : InvalidOperationException(
        $"this unikernel has no {role} device: its config registers it with {disabledBy}; "
        + $"register it with {defaultDevice} (or another {role} device) to use it");

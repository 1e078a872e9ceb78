using System.Net;

namespace Mirage.Runtime.Tcpip.Common;

/// <summary>
/// The <see cref="IPAddress"/> objects of the IPv4 numbers a layer meets most, made once and shared, so a steady
/// stream of packets between the same hosts allocates no address per packet. A small table indexed by the
/// address's low bits: a collision just makes a new object. Safe to use from any thread.
/// </summary>
internal sealed class AddressCache
{
    private const int Slots = 64;
    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>The address of <paramref name="value"/>.</summary>
    public IPAddress V4(uint value)
    {
        var slot = (int)((value ^ (value >> 8)) % Slots);
        if (Volatile.Read(ref _entries[slot]) is { } entry && entry.Value == value)
        {
            return entry.Address;
        }
        var address = Addresses.FromV4(value);
        Volatile.Write(ref _entries[slot], new Entry(value, address));
        return address;
    }

    private sealed record Entry(uint Value, IPAddress Address);
}

using System.Runtime.InteropServices;

namespace Mirage.Runtime.Tcpip.Netif;

/// <summary>The few libc calls the TAP and AF_PACKET backends make (source-generated, trim- and AOT-safe).</summary>
internal static partial class LinuxInterop
{
    public const int ORdWr = 2, ONonBlock = 0x800, OCloExec = 0x80000;
    public const int EAgain = 11, EIntr = 4;
    public const short PollIn = 1;
    public const ulong TunSetIff = 0x400454CA;
    public const short IffTap = 0x0002, IffNoPi = 0x1000;
    public const int AfPacket = 17, SockRaw = 3, SockNonBlock = 0x800, SockCloExec = 0x80000;
    public const ushort EthPAll = 0x0003;
    public const int SolPacket = 263, PacketIgnoreOutgoing = 23;
    public const int IfNameSize = 16;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct ifreq as TUNSETIFF reads it: the name, then the flags (40 bytes in all).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    public unsafe struct IfReq
    {
        public fixed byte Name[IfNameSize];
        public short Flags;
    }

    /// <summary>struct sockaddr_ll (20 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SockAddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int IfIndex;
        public ushort HaType;
        public byte PktType;
        public byte HaLen;
        public fixed byte Addr[8];
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int Ioctl(int fd, ulong request, IfReq* argument);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, SockAddrLl* address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "strerror")]
    public static partial nint StrError(int error);

    /// <summary>The text of errno <paramref name="error"/>.</summary>
    public static string Describe(int error) => Marshal.PtrToStringUTF8(StrError(error)) ?? $"errno {error}";
}

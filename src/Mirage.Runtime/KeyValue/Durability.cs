using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mirage.Runtime.KeyValue;

/// <summary>
/// Makes writes survive a power loss: a file's contents reach the disk (<c>fsync</c>), and so does a
/// directory's list of names after a rename or a new entry. .NET cannot open a directory, so the
/// directory is synced through <c>open</c>/<c>fsync</c> of libc (source-generated, trim and AOT safe);
/// on Windows, where NTFS journals renames itself, there is nothing to do.
/// </summary>
internal static partial class Durability
{
    private const int ReadOnly = 0; // O_RDONLY, 0 on every Unix
    private const int EInval = 22;  // EINVAL, 22 on every Unix

    /// <summary>Writes <paramref name="file"/>'s data through to the disk.</summary>
    public static void FlushFile(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    /// <summary>Writes the entries of the directory <paramref name="path"/> through to the disk.</summary>
    /// <exception cref="IOException">The system refused (the errno's message).</exception>
    public static void FlushDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            throw Failure("open", path);
        }
        try
        {
            // Some file systems cannot sync a directory (EINVAL): their renames are as durable as they get.
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() != EInval)
            {
                throw Failure("fsync", path);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

using System.Security.Cryptography;
using System.Text;

namespace Mirage.Engine.Output;

/// <summary>
/// One writer at a time for a unikernel's output: configure (and clean) hold this lock around
/// everything they write and delete, so two runs in one folder never mix their files or sweep each
/// other's temporaries. It is an exclusive lock on a file (<see cref="FileShare.None"/>, which .NET
/// turns into an advisory <c>flock</c> on Unix) that lives outside the output, in the temporary
/// folder, named after the output's full path: it is never deleted (deleting a lock file lets two
/// processes hold "the" lock on different files) and leaves nothing in the user's folder.
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>How long a writer waits for another one before giving up.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _file;

    private OutputLock(FileStream file) => _file = file;

    /// <summary>The lock file of <paramref name="directory"/>.</summary>
    public static string PathOf(string directory)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..32];
        return Path.Combine(Path.GetTempPath(), $"mirage-locks-{Environment.UserName}", name.ToLowerInvariant() + ".lock");
    }

    /// <summary>Waits (up to <paramref name="wait"/>) until no other process writes <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">Another process held the lock for longer than <paramref name="wait"/>.</exception>
    public static OutputLock Acquire(string directory, TimeSpan? wait = null)
    {
        var path = PathOf(directory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + (wait ?? DefaultWait);
        while (true)
        {
            try
            {
                return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Poll);
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"another mirage has been writing {directory} for over {(wait ?? DefaultWait).TotalSeconds:0} s (lock {path})", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

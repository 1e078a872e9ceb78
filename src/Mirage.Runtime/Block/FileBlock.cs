using Microsoft.Win32.SafeHandles;

namespace Mirage.Runtime.Block;

/// <summary>
/// A file as a block device of 512-byte sectors (upstream's <c>block_of_file</c>,
/// <c>mirage-block-unix</c>). The file must exist and be a whole number of sectors long; a file the
/// process may not write is opened read-only. Writes go straight to the file (no buffering in the
/// process), so they survive the unikernel's exit.
/// </summary>
public sealed class FileBlock : IBlock
{
    /// <summary>The sector size of file-backed devices.</summary>
    public const int SectorSize = 512;

    private readonly SafeFileHandle _file;
    private volatile bool _disconnected;

    private FileBlock(SafeFileHandle file, BlockInfo info)
    {
        _file = file;
        Info = info;
    }

    /// <inheritdoc/>
    public BlockInfo Info { get; }

    /// <summary>Opens <paramref name="path"/>, relative to the working directory (the connect code of <c>block_of_file</c>).</summary>
    /// <exception cref="IOException">
    /// The file does not exist, is a directory, cannot be opened, or is not a whole number of sectors;
    /// the message names it and says which.
    /// </exception>
    public static FileBlock Connect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        string Where() => $"'{path}' (looked for {full}, from the working directory {Environment.CurrentDirectory})";
        if (Directory.Exists(full))
        {
            throw new IOException($"block_of_file: {Where()} is a directory, not a disk image");
        }
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"block_of_file: the disk image {Where()} does not exist", path);
        }
        SafeFileHandle file;
        var readWrite = true;
        try
        {
            file = File.OpenHandle(full, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (UnauthorizedAccessException)
        {
            file = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            readWrite = false;
        }
        var length = RandomAccess.GetLength(file);
        if (length % SectorSize != 0)
        {
            file.Dispose();
            throw new IOException(
                $"block_of_file: the disk image '{path}' is {length} bytes long, not a whole number of {SectorSize}-byte sectors (truncated?)");
        }
        return new FileBlock(file, new BlockInfo(readWrite, SectorSize, length / SectorSize));
    }

    /// <inheritdoc/>
    public async ValueTask<BlockError?> ReadAsync(long sectorStart, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: false, _disconnected) is { } error)
        {
            return error;
        }
        try
        {
            var offset = sectorStart * SectorSize;
            while (!buffer.IsEmpty)
            {
                var read = await RandomAccess.ReadAsync(_file, buffer, offset, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BlockError(BlockErrorKind.Storage, $"the disk image ended early, at byte {offset}");
                }
                buffer = buffer[read..];
                offset += read;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Failure(e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<BlockError?> WriteAsync(long sectorStart, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (SectorRange.Check(Info, sectorStart, buffer.Length, write: true, _disconnected) is { } error)
        {
            return error;
        }
        try
        {
            await RandomAccess.WriteAsync(_file, buffer, sectorStart * SectorSize, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Failure(e);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisconnectAsync()
    {
        _disconnected = true;
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    private BlockError Failure(Exception e) => _disconnected
        ? new BlockError(BlockErrorKind.Disconnected, "the block device is disconnected")
        : new BlockError(BlockErrorKind.Storage, e.Message);
}

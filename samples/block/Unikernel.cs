using System.Text;
using Mirage.Runtime;
using Mirage.Runtime.Block;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>
/// Ten checks of a block device: six writes read back at both ends of the disk, then two writes and
/// two reads that reach beyond its end and must fail. Exits 1 if any check failed.
/// </summary>
public sealed class Main(IBlock block) : IJob
{
    private int _started;
    private int _passed;
    private int _failed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = block.Info;
        Log.Info($"{info}");
        var size = info.SizeSectors;
        await CheckWrite(0, 1, cancellationToken);
        await CheckWrite(size - 1, 1, cancellationToken);
        await CheckWrite(0, 2, cancellationToken);
        await CheckWrite(size - 2, 2, cancellationToken);
        await CheckWrite(0, 12, cancellationToken);
        await CheckWrite(size - 12, 12, cancellationToken);
        await CheckWriteFails(size, 1, cancellationToken);
        await CheckWriteFails(size - 11, 12, cancellationToken);
        await CheckReadFails(size, 1, cancellationToken);
        await CheckReadFails(size - 11, 12, cancellationToken);
        Log.Info("Test sequence finished");
        Log.Info($"Total tests started: {_started}");
        Log.Info($"Total tests passed:  {_passed}");
        Log.Info($"Total tests failed:  {_failed}");
        if (_failed > 0)
        {
            throw new UnikernelExitException(1);
        }
    }

    /// <summary>Sector i is filled with "i: All work and no play makes Dave a dull boy.\n".</summary>
    private byte[] DullBoy(int sectors)
    {
        var sectorSize = block.Info.SectorSize;
        var buffer = new byte[sectors * sectorSize];
        for (var i = 0; i < sectors; i++)
        {
            var phrase = Encoding.ASCII.GetBytes($"{i}: All work and no play makes Dave a dull boy.\n");
            for (var at = 0; at < sectorSize; at += phrase.Length)
            {
                phrase.AsSpan(0, Math.Min(phrase.Length, sectorSize - at)).CopyTo(buffer.AsSpan(i * sectorSize + at));
            }
        }
        return buffer;
    }

    private async Task CheckWrite(long offset, int length, CancellationToken cancellationToken)
    {
        Log.Debug($"writing {length} sector(s) at {offset}");
        _started++;
        var written = DullBoy(length);
        if (await block.WriteAsync(offset, written, cancellationToken) is { } writeError)
        {
            Fail($"writing {length} sector(s) at {offset}: {writeError}");
            return;
        }
        var read = new byte[written.Length];
        if (await block.ReadAsync(offset, read, cancellationToken) is { } readError)
        {
            Fail($"reading {length} sector(s) at {offset}: {readError}");
            return;
        }
        if (!read.AsSpan().SequenceEqual(written))
        {
            Fail($"the {length} sector(s) read at {offset} differ from those written");
            return;
        }
        _passed++;
    }

    private async Task CheckWriteFails(long offset, int length, CancellationToken cancellationToken)
    {
        Log.Debug($"writing {length} sector(s) at {offset}, expecting an error");
        _started++;
        if (await block.WriteAsync(offset, DullBoy(length), cancellationToken) is { } error)
        {
            Log.Debug($"as expected: {error}");
            _passed++;
        }
        else
        {
            Fail($"writing {length} sector(s) at {offset}: expected failure; got success");
        }
    }

    private async Task CheckReadFails(long offset, int length, CancellationToken cancellationToken)
    {
        Log.Debug($"reading {length} sector(s) at {offset}, expecting an error");
        _started++;
        var buffer = new byte[length * block.Info.SectorSize];
        if (await block.ReadAsync(offset, buffer, cancellationToken) is { } error)
        {
            Log.Debug($"as expected: {error}");
            _passed++;
        }
        else
        {
            Fail($"reading {length} sector(s) at {offset}: expected failure; got success");
        }
    }

    private void Fail(string message)
    {
        Log.Error(message);
        _failed++;
    }
}

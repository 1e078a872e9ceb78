using System.Buffers.Binary;
using Mirage.Runtime;
using Mirage.Runtime.Block;
using Mirage.Runtime.Logging;

namespace Unikernel;

/// <summary>Plays one game in a slot (a sector) of the disk, or resets one slot or all of them.</summary>
public sealed class Main(IBlock disk, bool resetAll, long slot, bool reset) : IJob
{
    /// <summary>The slot is not on the disk, or a sector cannot hold a game.</summary>
    public const int BadSlotExitCode = 5;

    /// <summary>The slot holds no game (bad magic or checksum), or the disk failed.</summary>
    public const int BadStateExitCode = 6;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = disk.Info;
        if (info.SectorSize < Lotto.Length)
        {
            Fail(BadSlotExitCode, $"Sector size {info.SectorSize} is too short for storing lottery data!");
        }
        if (slot < 0 || slot >= info.SizeSectors)
        {
            Fail(BadSlotExitCode, $"Invalid sector {slot}");
        }
        if (resetAll)
        {
            for (var sector = 0L; sector < info.SizeSectors; sector++)
            {
                await WriteState(sector, 0, cancellationToken);
            }
            Log.App($"All {info.SizeSectors} game slots reset.");
        }
        else if (reset)
        {
            await WriteState(slot, 0, cancellationToken);
            Log.App($"Reset game slot {slot}.");
        }
        else
        {
            var hiscore = await ReadState(slot, cancellationToken);
            Span<byte> draw = stackalloc byte[4];
            Platform.Random.Fill(draw);
            var (game, newHiscore) = Lotto.Play(hiscore, BinaryPrimitives.ReadUInt32BigEndian(draw));
            Log.App($"{game}");
            Log.Info("Saving new game state...");
            await WriteState(slot, newHiscore, cancellationToken);
            Log.Info("Done!");
            Log.App("Thank you for playing! Exiting...");
        }
    }

    private async Task<uint> ReadState(long sector, CancellationToken cancellationToken)
    {
        var buffer = new byte[disk.Info.SectorSize];
        if (await disk.ReadAsync(sector, buffer, cancellationToken) is { } error)
        {
            Fail(BadStateExitCode, $"Error reading: {error}");
        }
        var (hiscore, problem) = Lotto.Unmarshal(buffer);
        if (problem is not null)
        {
            Fail(BadStateExitCode, $"Error reading state: {problem}");
        }
        return hiscore;
    }

    private async Task WriteState(long sector, uint hiscore, CancellationToken cancellationToken)
    {
        var buffer = new byte[disk.Info.SectorSize];
        Lotto.Marshal(buffer, hiscore);
        if (await disk.WriteAsync(sector, buffer, cancellationToken) is { } error)
        {
            Fail(BadStateExitCode, $"Error writing new state: {error}");
        }
    }

    private static void Fail(int exitCode, string message)
    {
        Log.Error(message);
        throw new UnikernelExitException(exitCode);
    }
}

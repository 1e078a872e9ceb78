using System.Buffers.Binary;
using System.IO.Hashing;

namespace Unikernel;

/// <summary>A game's outcome, said the way the player reads it.</summary>
public abstract record Game
{
    public sealed record NewHiscore(uint Hiscore, uint OldHiscore) : Game
    {
        public override string ToString() => $"YOU WON! You beat the old high score {OldHiscore} with {Hiscore}!";
    }

    public sealed record Tie(uint Hiscore) : Game
    {
        public override string ToString() => $"TIE! You tied with the high score {Hiscore}";
    }

    public sealed record Loss(uint Loser, uint Hiscore) : Game
    {
        public override string ToString() => $"YOU LOST! With {Loser} you didn't beat the high score {Hiscore}";
    }
}

/// <summary>
/// The game and its state on disk: a sector starting with "LOTO", the high score (big-endian
/// uint32), and the CRC-32 of those eight bytes (big-endian uint32); the rest is zeros.
/// </summary>
public static class Lotto
{
    public const int Length = 12;

    private static ReadOnlySpan<byte> Magic => "LOTO"u8;

    public static (Game Game, uint Hiscore) Play(uint hiscore, uint draw) =>
        draw == hiscore ? (new Game.Tie(hiscore), hiscore)
        : draw > hiscore ? (new Game.NewHiscore(draw, hiscore), draw)
        : (new Game.Loss(draw, hiscore), hiscore);

    public static void Marshal(Span<byte> sector, uint hiscore)
    {
        sector.Clear();
        Magic.CopyTo(sector);
        BinaryPrimitives.WriteUInt32BigEndian(sector[4..], hiscore);
        BinaryPrimitives.WriteUInt32BigEndian(sector[8..], Crc32.HashToUInt32(sector[..8]));
    }

    /// <summary>The high score, or why the sector holds none.</summary>
    public static (uint Hiscore, string? Error) Unmarshal(ReadOnlySpan<byte> sector)
    {
        if (!sector[..4].SequenceEqual(Magic))
        {
            return (0, "bad magic; is this lottery data?");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(sector[8..]) != Crc32.HashToUInt32(sector[..8]))
        {
            return (0, "bad checksum; possible data corruption");
        }
        return (BinaryPrimitives.ReadUInt32BigEndian(sector[4..]), null);
    }
}

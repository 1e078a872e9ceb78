using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Block;
using Mirage.Runtime.Chamelon;
using Mirage.Runtime.KeyValue;

namespace Mirage.Bench;

/// <summary>
/// chamelon against the raw block device under it, in one run: a 1 MiB value written and read
/// whole (sequential) and read as 256 random 4 KiB slices, on a 16 MiB ramdisk; the raw baselines
/// move the same bytes as whole sectors:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*Chamelon*' --job short</c>.
/// MB/s = 1 MiB / the mean time.
/// </summary>
[MemoryDiagnoser]
public class ChamelonBenchmarks
{
    private const int Size = 1024 * 1024;
    private const int Slice = 4096;
    private static readonly Key Value = Key.Parse("bench/value");

    private readonly byte[] _data = new byte[Size];
    private readonly byte[] _buffer = new byte[Size];
    private readonly long[] _offsets = new long[Size / Slice];
    private Ramdisk _raw = null!;
    private ChamelonKv _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(15);
        random.NextBytes(_data);
        for (var i = 0; i < _offsets.Length; i++)
        {
            _offsets[i] = random.Next(Size / Slice) * (long)Slice;
        }
        _raw = Ramdisk.Create(32_768);
        _raw.WriteAsync(0, _data).AsTask().GetAwaiter().GetResult();
        var disk = Ramdisk.Create(32_768);
        _store = ChamelonKv.ConnectAsync(disk, ChamelonKv.DefaultProgramBlockSize, format: true).AsTask().GetAwaiter().GetResult();
        _store.SetAsync(Value, _data).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw: sequential write 1 MiB")]
    public async Task RawSequentialWrite() => await _raw.WriteAsync(0, _data);

    [Benchmark(Description = "chamelon: sequential write 1 MiB (set)")]
    public async Task ChamelonSequentialWrite() => await _store.SetAsync(Value, _data);

    [Benchmark(Description = "raw: sequential read 1 MiB")]
    public async Task RawSequentialRead() => await _raw.ReadAsync(0, _buffer);

    [Benchmark(Description = "chamelon: sequential read 1 MiB (get)")]
    public async Task<int> ChamelonSequentialRead() => (await _store.GetAsync(Value)).Value.Length;

    [Benchmark(Description = "raw: random read 256 x 4 KiB")]
    public async Task RawRandomRead()
    {
        foreach (var offset in _offsets)
        {
            await _raw.ReadAsync(offset / 512, _buffer.AsMemory(0, Slice));
        }
    }

    [Benchmark(Description = "chamelon: random read 256 x 4 KiB (get_partial)")]
    public async Task ChamelonRandomRead()
    {
        foreach (var offset in _offsets)
        {
            await _store.GetPartialAsync(Value, offset, Slice);
        }
    }

    [Benchmark(Description = "raw: random write 256 x 4 KiB")]
    public async Task RawRandomWrite()
    {
        foreach (var offset in _offsets)
        {
            await _raw.WriteAsync(offset / 512, _data.AsMemory((int)offset, Slice));
        }
    }

    [Benchmark(Description = "chamelon: random write 256 x 4 KiB values (set on 64 keys)")]
    public async Task ChamelonRandomWrite()
    {
        for (var i = 0; i < _offsets.Length; i++)
        {
            await _store.SetAsync(Key.Parse($"bench/random/{i % 64}"), _data.AsMemory((int)_offsets[i], Slice));
        }
    }
}

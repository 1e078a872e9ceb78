using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Block;
using Mirage.Runtime.Ccm;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Tar;

namespace Mirage.Bench;

/// <summary>
/// Reading 16 MiB from disk images (files, so the page cache serves them): raw block reads beside
/// the same bytes as a value of a tar store, through ccm_block, and as a tar store on ccm_block;
/// sequentially in 64 KiB reads and at 256 random 4 KiB offsets:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*BlockStore*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class BlockStoreBenchmarks
{
    private const int Size = 16 * 1024 * 1024;
    private const int Chunk = 64 * 1024;
    private const int RandomReads = 256;
    private const int RandomRead = 4 * 1024;
    private const string AesKey = "0x000102030405060708090a0b0c0d0e0f";

    private readonly byte[] _buffer = new byte[Chunk];
    private readonly List<string> _files = [];
    private long[] _offsets = [];
    private FileBlock _raw = null!;
    private TarKvRo _tar = null!;
    private CcmBlock _ccm = null!;
    private TarKvRo _tarOnCcm = null!;

    private static readonly Key Data = Key.Parse("data.bin");

    [GlobalSetup]
    public void Setup()
    {
        var data = new byte[Size];
        new Random(15).NextBytes(data);
        _offsets = [.. Enumerable.Range(0, RandomReads).Select(i => (long)new Random(i).Next(Size / RandomRead) * RandomRead)];
        _raw = FileBlock.Connect(Image(Size));
        _raw.WriteAsync(0, data).AsTask().GetAwaiter().GetResult();
        _tar = TarStore(FileBlock.Connect(Image(Size + 4096)), data);
        _ccm = CcmBlock.Connect(FileBlock.Connect(Image(2 * Size)), AesKey);
        _ccm.WriteAsync(0, data).AsTask().GetAwaiter().GetResult();
        var ccmUnderTar = CcmBlock.Connect(FileBlock.Connect(Image(2 * (Size + 4096))), AesKey);
        // A sector never written does not decrypt: a new encrypted disk is written with zeros first.
        ccmUnderTar.WriteAsync(0, new byte[Size + 4096]).AsTask().GetAwaiter().GetResult();
        _tarOnCcm = TarStore(ccmUnderTar, data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true)]
    public async Task RawSequential()
    {
        for (long at = 0; at < Size; at += Chunk)
        {
            await _raw.ReadAsync(at / 512, _buffer);
        }
    }

    [Benchmark]
    public Task TarSequential() => StoreSequential(_tar);

    [Benchmark]
    public async Task CcmSequential()
    {
        for (long at = 0; at < Size; at += Chunk)
        {
            await _ccm.ReadAsync(at / 512, _buffer);
        }
    }

    [Benchmark]
    public Task TarOnCcmSequential() => StoreSequential(_tarOnCcm);

    [Benchmark]
    public async Task RawRandom()
    {
        foreach (var at in _offsets)
        {
            await _raw.ReadAsync(at / 512, _buffer.AsMemory(0, RandomRead));
        }
    }

    [Benchmark]
    public Task TarRandom() => StoreRandom(_tar);

    [Benchmark]
    public async Task CcmRandom()
    {
        foreach (var at in _offsets)
        {
            await _ccm.ReadAsync(at / 512, _buffer.AsMemory(0, RandomRead));
        }
    }

    [Benchmark]
    public Task TarOnCcmRandom() => StoreRandom(_tarOnCcm);

    private static async Task StoreSequential(TarKvRo store)
    {
        for (long at = 0; at < Size; at += Chunk)
        {
            await store.GetPartialAsync(Data, at, Chunk);
        }
    }

    private async Task StoreRandom(TarKvRo store)
    {
        foreach (var at in _offsets)
        {
            await store.GetPartialAsync(Data, at, RandomRead);
        }
    }

    private static TarKvRo TarStore(IBlock block, byte[] data)
    {
        var rw = TarKvRw.ConnectAsync(block).GetAwaiter().GetResult();
        if (rw.SetAsync(Data, data).AsTask().GetAwaiter().GetResult() is { } error)
        {
            throw new InvalidOperationException(error.ToString());
        }
        return TarKvRo.ConnectAsync(block).GetAwaiter().GetResult();
    }

    private string Image(int bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mirage-bench-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, new byte[bytes]);
        _files.Add(path);
        return path;
    }
}

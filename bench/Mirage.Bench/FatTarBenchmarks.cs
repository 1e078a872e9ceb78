using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Mirage.Runtime.Block;
using Mirage.Runtime.Ccm;
using Mirage.Runtime.Fat;
using Mirage.Runtime.KeyValue;
using Mirage.Runtime.Tar;

namespace Mirage.Bench;

/// <summary>
/// fat_ro reads and tar_kv_rw appends of 16 MiB beside the same operations on the raw block device, each
/// group with its raw baseline (files, so the page cache serves them): sequential in 64 KiB (reads) or
/// 1 MiB values (appends), random at 256 4 KiB offsets (reads) or 256 values of 4 KiB (appends, beside
/// raw writes at random offsets); ccm_block's writes beside the same raw writes. The FAT image is made by mkfs.fat and mcopy (dosfstools, mtools):
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*FatTar*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FatTarBenchmarks
{
    private const int Size = 16 * 1024 * 1024;
    private const int Chunk = 64 * 1024;
    private const int Value = 1024 * 1024;
    private const int Small = 4 * 1024;
    private const int RandomOps = 256;

    private static readonly Key Data = Key.Parse("data.bin");

    private readonly byte[] _buffer = new byte[Value];
    private readonly List<string> _files = [];
    private long[] _offsets = [];
    private FileBlock _raw = null!;
    private FatKvRo _fat = null!;
    private FileBlock _tarDisk = null!;
    private CcmBlock _ccm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new byte[Size];
        new Random(15).NextBytes(data);
        data.AsSpan(0, Value).CopyTo(_buffer);
        _offsets = [.. Enumerable.Range(0, RandomOps).Select(i => (long)new Random(i).Next(Size / Small) * Small)];
        _raw = FileBlock.Connect(Image(Size));
        _raw.WriteAsync(0, data).AsTask().GetAwaiter().GetResult();
        _fat = FatKvRo.ConnectAsync(FileBlock.Connect(FatImage(data))).GetAwaiter().GetResult();
        Console.WriteLine($"// fat_ro image: {_fat.Kind}");
        // Room for 16 MiB of values and their headers, 4 KiB values' headers included.
        _tarDisk = FileBlock.Connect(Image(Size + (RandomOps * 1024) + 4096));
        _ccm = CcmBlock.Connect(FileBlock.Connect(Image(2 * Size)), "0x000102030405060708090a0b0c0d0e0f");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("read sequential")]
    public async Task RawReadSequential()
    {
        for (long at = 0; at < Size; at += Chunk)
        {
            await _raw.ReadAsync(at / 512, _buffer.AsMemory(0, Chunk));
        }
    }

    [Benchmark, BenchmarkCategory("read sequential")]
    public async Task FatReadSequential()
    {
        for (long at = 0; at < Size; at += Chunk)
        {
            await _fat.GetPartialAsync(Data, at, Chunk);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("read random")]
    public async Task RawReadRandom()
    {
        foreach (var at in _offsets)
        {
            await _raw.ReadAsync(at / 512, _buffer.AsMemory(0, Small));
        }
    }

    [Benchmark, BenchmarkCategory("read random")]
    public async Task FatReadRandom()
    {
        foreach (var at in _offsets)
        {
            await _fat.GetPartialAsync(Data, at, Small);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("write sequential")]
    public async Task RawWriteSequential()
    {
        for (long at = 0; at < Size; at += Value)
        {
            await _raw.WriteAsync(at / 512, _buffer);
        }
    }

    [Benchmark, BenchmarkCategory("write sequential")]
    public async Task TarAppend1MiB()
    {
        var tar = await EmptyTar();
        for (var i = 0; i < Size / Value; i++)
        {
            Check(await tar.SetAsync(Key.Parse($"v{i}"), _buffer));
        }
    }

    [Benchmark, BenchmarkCategory("write sequential")]
    public async Task CcmWriteSequential()
    {
        for (long at = 0; at < Size; at += Value)
        {
            await _ccm.WriteAsync(at / 512, _buffer);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("write small")]
    public async Task RawWriteRandom()
    {
        foreach (var at in _offsets)
        {
            await _raw.WriteAsync(at / 512, _buffer.AsMemory(0, Small));
        }
    }

    [Benchmark, BenchmarkCategory("write small")]
    public async Task TarAppend4KiB()
    {
        var tar = await EmptyTar();
        for (var i = 0; i < RandomOps; i++)
        {
            Check(await tar.SetAsync(Key.Parse($"s{i}"), _buffer.AsMemory(0, Small)));
        }
    }

    [Benchmark, BenchmarkCategory("write small")]
    public async Task CcmWriteRandom()
    {
        foreach (var at in _offsets)
        {
            await _ccm.WriteAsync(at / 512, _buffer.AsMemory(0, Small));
        }
    }

    /// <summary>The tar disk emptied (an end-of-archive block at its start) and connected: each append run starts afresh.</summary>
    private async Task<TarKvRw> EmptyTar()
    {
        await _tarDisk.WriteAsync(0, new byte[1024]);
        return await TarKvRw.ConnectAsync(_tarDisk);
    }

    private static void Check(KvError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error.ToString());
        }
    }

    /// <summary>A FAT image (mkfs.fat's choice of FAT for 20 MiB) holding <paramref name="data"/> as data.bin.</summary>
    private string FatImage(byte[] data)
    {
        var image = Image(0);
        File.Delete(image);
        var source = image + ".bin";
        File.WriteAllBytes(source, data);
        _files.Add(source);
        Tool("mkfs.fat", "-C", image, "20480");
        Tool("mcopy", "-i", image, source, "::/data.bin");
        return image;
    }

    private static void Tool(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {errors.Result}");
        }
    }

    private string Image(int bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mirage-bench-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, new byte[bytes]);
        _files.Add(path);
        return path;
    }
}

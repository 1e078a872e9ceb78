using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Packs;

namespace Mirage.Bench;

/// <summary>
/// Reading a pack of ~8 MiB of objects (2,000 text blobs of 1–8 KiB, made by our pack writer, so
/// every object is one zlib stream), as a fetch does: every object inflated and named; beside it,
/// the yardstick: Debian git's <c>git index-pack</c> of the same pack (inflating and naming every
/// object too, and writing the index), as a process:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*GitPack*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class GitPackBenchmarks
{
    private byte[] _pack = [];
    private string _dir = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        var words = new[] { "mirage", "unikernel", "pack", "object", "delta", "tree", "commit", "blob", "zlib", "index" };
        var objects = new List<GitObject>();
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1024, 8192);
            while (text.Length < length)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(1000)).Append(random.Next(8) == 0 ? '\n' : ' ');
            }
            objects.Add(new GitObject(ObjectKind.Blob, Encoding.UTF8.GetBytes(text.ToString())));
        }
        _pack = PackWriter.Write(objects).Bytes;
        _dir = Directory.CreateTempSubdirectory("git-pack-bench").FullName;
        File.WriteAllBytes(Path.Combine(_dir, "bench.pack"), _pack);
        Console.WriteLine($"// pack: {_pack.Length} bytes, {objects.Sum(o => o.Data.Length)} inflated");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every object of the pack read back.</summary>
    [Benchmark(Baseline = true)]
    public int ReadPack() => PackReader.Read(_pack).Count;

    /// <summary>git's own reading of the same pack.</summary>
    [Benchmark]
    public int GitIndexPack()
    {
        var index = Path.Combine(_dir, "bench.idx");
        File.Delete(index);
        using var git = Process.Start(new ProcessStartInfo("git", ["index-pack", "-o", index, Path.Combine(_dir, "bench.pack")])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? 0 : throw new InvalidOperationException($"git index-pack exited with {git.ExitCode}");
    }
}

using System.Text;
using BenchmarkDotNet.Attributes;
using Mirage.Runtime.Git.Objects;
using Mirage.Runtime.Git.Packs;

namespace Mirage.Bench;

/// <summary>
/// Reading a pack of ~8 MiB of objects (2,000 text blobs of 1–8 KiB, made by our pack writer, so
/// every object is one zlib stream), as a fetch does: every object inflated and named. The figure to
/// watch is MB/s of pack read:
/// <c>dotnet run -c Release --project bench/Mirage.Bench -- --filter '*GitPack*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class GitPackBenchmarks
{
    private byte[] _pack = [];

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
        Console.WriteLine($"// pack: {_pack.Length} bytes, {objects.Sum(o => o.Data.Length)} inflated");
    }

    /// <summary>Every object of the pack read back.</summary>
    [Benchmark]
    public int ReadPack() => PackReader.Read(_pack).Count;
}

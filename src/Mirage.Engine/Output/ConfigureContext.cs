using System.Text;
using Mirage.Engine.CodeGen;

namespace Mirage.Engine.Output;

/// <summary>
/// What <c>configure</c> was asked for: the target, the key values given on its command line
/// (defaults are not saved, so a changed default in the config applies on the next run) and the
/// config file's name when it is not the default choice (<c>-f config.cs</c> beside a config.fsx).
/// Saved as <c>mirage/context</c>; <c>build</c>, <c>query</c> and <c>describe</c> start from it, and
/// values on their own command line override it.
/// </summary>
public sealed record ConfigureContext(string Target, IReadOnlyDictionary<string, string> Keys, string? ConfigFile = null)
{
    public const string FileName = "context";

    /// <summary>This context with <paramref name="target"/> (if given) and the given keys on top.</summary>
    public ConfigureContext Override(string? target, IReadOnlyDictionary<string, string> keys)
    {
        var merged = new SortedDictionary<string, string>(Keys.ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, v) in keys)
        {
            merged[k] = v;
        }
        return this with { Target = target ?? Target, Keys = merged };
    }

    public GeneratedFile ToFile()
    {
        var text = new StringBuilder()
            .Append($"# {GeneratedFile.Marker} configure. Do not edit: run `mirage configure` again.\n")
            .Append($"target={Target}\n");
        if (ConfigFile is not null)
        {
            text.Append($"config={ConfigFile}\n");
        }
        foreach (var (k, v) in Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append($"--{k}={Escape(v)}\n");
        }
        return new GeneratedFile(FileName, text.ToString());
    }

    /// <summary>Reads a saved context; a malformed line is an error naming the file and line.</summary>
    public static ConfigureContext Parse(string path, string text)
    {
        string? target = null;
        string? configFile = null;
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("target=", StringComparison.Ordinal))
            {
                target = line["target=".Length..];
            }
            else if (line.StartsWith("config=", StringComparison.Ordinal) && line.Length > "config=".Length)
            {
                configFile = line["config=".Length..];
            }
            else if (line.StartsWith("--", StringComparison.Ordinal) && line.IndexOf('=') is > 2 and var eq)
            {
                keys[line[2..eq]] = Unescape(line[(eq + 1)..]);
            }
            else
            {
                throw new FormatException($"{path}({i + 1}): malformed context line '{line}': expected target=NAME, config=FILE or --key=value");
            }
        }
        return new ConfigureContext(target ?? "unix", keys, configFile);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                sb.Append(value[i] switch { 'n' => '\n', 'r' => '\r', var c => c });
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString();
    }
}

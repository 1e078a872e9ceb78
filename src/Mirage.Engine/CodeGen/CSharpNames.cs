using System.Text;

namespace Mirage.Engine.CodeGen;

/// <summary>Turns Mirage names (<c>hello-key</c>, <c>Unikernel.Hello</c>) into C# identifiers.</summary>
public static class CSharpNames
{
    private static readonly HashSet<string> s_keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe",
        "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary><c>hello-key</c> → <c>helloKey</c>; keywords get an <c>@</c>.</summary>
    public static string Parameter(string name)
    {
        var sb = new StringBuilder();
        var upper = false;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : sb.Length == 0 ? char.ToLowerInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = sb.Length > 0;
            }
        }
        if (sb.Length == 0 || char.IsDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }
        var id = sb.ToString();
        return s_keywords.Contains(id) ? "@" + id : id;
    }

    /// <summary>A snake_case variable stem from a module name: <c>Unikernel.Hello</c> → <c>unikernel_hello</c>.</summary>
    public static string VariableStem(string moduleName)
    {
        var sb = new StringBuilder();
        var previous = '_';
        foreach (var c in moduleName)
        {
            if (char.IsLetterOrDigit(c))
            {
                // A word starts at an upper-case letter after a lower-case one: DefaultPClock → default_pclock.
                if (char.IsUpper(c) && char.IsLower(previous))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
                previous = c;
            }
            else
            {
                if (sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }
                previous = '_';
            }
        }
        var stem = sb.ToString().Trim('_');
        return stem.Length == 0 || char.IsDigit(stem[0]) ? "_" + stem : stem;
    }
}

using System.Text;

namespace Mirage.Engine.CodeGen;

/// <summary>A tiny indenting writer for generated C#, with Unix newlines on every platform.</summary>
internal sealed class CSharpWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CSharpWriter Line(string line = "")
    {
        if (line.Length > 0 && !line.StartsWith('#'))
        {
            _text.Append(' ', _indent * 4);
        }
        _text.Append(line).Append('\n');
        return this;
    }

    public CSharpWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public CSharpWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}

using System.Text;

namespace Mirage.Runtime.Arguments;

/// <summary>The text of <c>--help</c>, laid out like a Cmdliner man page in plain text.</summary>
internal static class HelpText
{
    private const int Width = 80;
    private const string SectionIndent = "       ";
    private const string DocIndent = "           ";

    public static void Write(TextWriter output, string programName, IEnumerable<IBoundArg> args, bool helpHasShortName)
    {
        var text = new StringBuilder();
        text.Append("NAME\n").Append(SectionIndent).Append(programName).Append("\n\n");
        text.Append("SYNOPSIS\n").Append(SectionIndent).Append(programName).Append(" [OPTION]…\n\n");

        var sorted = args.OrderBy(SortKey, StringComparer.Ordinal).ToList();
        if (sorted.Count > 0)
        {
            text.Append("OPTIONS\n");
            foreach (var arg in sorted)
            {
                AppendOption(text, Synopsis(arg), arg.Doc);
            }
        }

        text.Append("COMMON OPTIONS\n");
        AppendOption(text, helpHasShortName ? "-h, --help" : "--help", "Show this help in plain text and exit.");

        text.Append("EXIT STATUS\n");
        text.Append(SectionIndent).Append(programName).Append(" exits with:\n\n");
        AppendExitStatus(text, 0, "on success.");
        AppendExitStatus(text, 1, "on failure (the error is logged).");
        AppendExitStatus(text, ArgParser.HelpExitCode, "on showing this help.");
        AppendExitStatus(text, ArgParser.ErrorExitCode, "on a command line parsing error.");
        AppendExitStatus(text, 130, "when stopped by SIGINT or SIGTERM.");

        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>Options sort by their first long name (or their only name), as Cmdliner lists them.</summary>
    private static string SortKey(IBoundArg arg) =>
        (arg.Names.FirstOrDefault(name => name.Length > 1) ?? arg.Names[0]).ToLowerInvariant();

    /// <summary>The option's names with their value: <c>-l LEVEL, --logs=LEVEL (absent=...)</c>.</summary>
    private static string Synopsis(IBoundArg arg)
    {
        var forms = arg.Names
            .OrderBy(name => name.Length > 1)
            .Select(name => (name.Length == 1, arg.Arity) switch
            {
                (_, ArgArity.None) => Dashes(name) + name,
                (true, ArgArity.Required) => $"-{name} {arg.Docv}",
                (true, _) => $"-{name}[{arg.Docv}]",
                (false, ArgArity.Required) => $"--{name}={arg.Docv}",
                (false, _) => $"--{name}[={arg.Docv}]",
            });
        var synopsis = string.Join(", ", forms);
        return arg.IsRequired ? $"{synopsis} (required)"
            : arg.DefaultText is { } defaultText ? $"{synopsis} (absent={defaultText})"
            : synopsis;
    }

    private static string Dashes(string name) => name.Length == 1 ? "-" : "--";

    private static void AppendOption(StringBuilder text, string synopsis, string doc)
    {
        text.Append(SectionIndent).Append(synopsis).Append('\n');
        AppendWrapped(text, doc, DocIndent);
        text.Append('\n');
    }

    private static void AppendExitStatus(StringBuilder text, int code, string meaning)
    {
        text.Append(SectionIndent).Append(code.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(4));
        text.Append(meaning).Append("\n\n");
    }

    /// <summary>Appends <paramref name="doc"/> as lines of at most <see cref="Width"/> columns.</summary>
    private static void AppendWrapped(StringBuilder text, string doc, string indent)
    {
        var column = 0;
        foreach (var word in doc.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + 1 + word.Length > Width)
            {
                text.Append('\n');
                column = 0;
            }

            if (column == 0)
            {
                text.Append(indent);
                column = indent.Length;
            }
            else
            {
                text.Append(' ');
                column++;
            }

            text.Append(word);
            column += word.Length;
        }

        if (column > 0)
        {
            text.Append('\n');
        }
    }
}

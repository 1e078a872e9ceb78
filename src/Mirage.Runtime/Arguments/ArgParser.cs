namespace Mirage.Runtime.Arguments;

/// <summary>
/// Parses a unikernel's runtime arguments, as upstream's Cmdliner term does: options only, each at
/// most once; <c>--help</c> (and <c>-h</c>, unless an argument is named <c>h</c>) prints the usage.
/// </summary>
public sealed class ArgParser
{
    /// <summary>What <see cref="Parse"/> returns after printing the help (mirage's <c>help_version</c>).</summary>
    public const int HelpExitCode = 63;

    /// <summary>What <see cref="Parse"/> returns after printing an error (mirage's <c>argument_error</c>).</summary>
    public const int ErrorExitCode = 64;

    private const string HelpName = "help";

    private readonly List<IBoundArg> _args = [];
    private readonly Dictionary<string, IBoundArg> _byName = new(StringComparer.Ordinal);

    /// <summary>A parser for the program <paramref name="programName"/>, the name its messages start with.</summary>
    public ArgParser(string programName)
    {
        ArgumentException.ThrowIfNullOrEmpty(programName);
        ProgramName = programName;
    }

    /// <summary>The program's name, as messages show it.</summary>
    public string ProgramName { get; }

    /// <summary>Binds <paramref name="spec"/>: the returned argument holds its value once parsed.</summary>
    /// <exception cref="ArgumentException">A name of <paramref name="spec"/> is taken already, or is <c>help</c>.</exception>
    public Arg<T> Add<T>(ArgSpec<T> spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var name in spec.Names)
        {
            if (name == HelpName || _byName.ContainsKey(name))
            {
                throw new ArgumentException($"{ProgramName}: the argument name '{name}' is taken already.", nameof(spec));
            }
        }

        var arg = new Arg<T>(spec);
        _args.Add(arg);
        foreach (var name in spec.Names)
        {
            _byName.Add(name, arg);
        }

        return arg;
    }

    /// <summary>
    /// Parses <paramref name="argv"/> (without the program name) and sets every argument's value.
    /// </summary>
    /// <returns>
    /// null when the program should go on; <see cref="HelpExitCode"/> after printing the help to
    /// <paramref name="stdout"/>; <see cref="ErrorExitCode"/> after printing the error and a usage hint
    /// to <paramref name="stderr"/> (the values are then left as they were).
    /// </returns>
    public int? Parse(string[] argv, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(argv);
        foreach (var arg in _args)
        {
            arg.Discard();
        }

        var given = new HashSet<IBoundArg>();
        var error = ParseInto(argv, given, out var helpRequested) ?? Missing(given) ?? WrongDefault(given);
        if (helpRequested)
        {
            WriteHelp(stdout ?? Console.Out);
            return HelpExitCode;
        }

        if (error is not null)
        {
            WriteError(stderr ?? Console.Error, error);
            return ErrorExitCode;
        }

        foreach (var arg in _args)
        {
            arg.Commit();
        }

        return null;
    }

    /// <summary>Writes the usage text that <c>--help</c> prints: every option with its value, doc and default.</summary>
    public void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        HelpText.Write(output, ProgramName, _args, HelpHasShortName);
    }

    private bool HelpHasShortName => !_byName.ContainsKey("h");

    /// <summary>
    /// The argument <paramref name="option"/> names: by its name, or, for a long name with
    /// underscores that names nothing, by the same name with dashes. Mirage 4.11 renamed 4.10's
    /// <c>--dns_servers</c>, <c>--he_aaaa_timeout</c> and the like to <c>--dns-servers</c>,
    /// <c>--he-aaaa-timeout</c>; both spellings are accepted, the dashed one is the documented one.
    /// </summary>
    private bool TryFind(OptionToken option, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IBoundArg arg) =>
        _byName.TryGetValue(option.Name, out arg)
        || (option.IsLong && option.Name.Contains('_') && _byName.TryGetValue(option.Name.Replace('_', '-'), out arg));

    /// <summary>Stages every option's value; returns the first error, or null. Help stops at once.</summary>
    private string? ParseInto(string[] argv, HashSet<IBoundArg> given, out bool helpRequested)
    {
        helpRequested = false;
        for (var i = 0; i < argv.Length; i++)
        {
            var word = argv[i] ?? throw new ArgumentException("The command line contains null.", nameof(argv));
            if (word == "--")
            {
                return i + 1 < argv.Length ? TooManyArguments(argv[i + 1]) : null;
            }

            if (!OptionToken.TryRead(word, out var option))
            {
                return TooManyArguments(word);
            }

            if (IsHelp(option))
            {
                helpRequested = true;
                return null;
            }

            if (!TryFind(option, out var arg) || option.IsLong != (option.Name.Length > 1))
            {
                return $"unknown option '{option.Display}'";
            }

            if (!given.Add(arg))
            {
                return $"option '{option.Display}' cannot be repeated";
            }

            var text = option.GluedValue;
            switch (arg.Arity)
            {
                case ArgArity.None when text is not null:
                    return $"option '{option.Display}' cannot take an argument";
                case ArgArity.Required when text is null:
                    if (i + 1 >= argv.Length || OptionToken.LooksLikeOption(argv[i + 1]))
                    {
                        return $"option '{option.Display}' needs an argument";
                    }

                    text = argv[++i];
                    break;
                case ArgArity.Optional when text is null:
                    // `--verbose false` as well as `--verbose=false`: take the next word if it is a value.
                    if (i + 1 < argv.Length && !OptionToken.LooksLikeOption(argv[i + 1]) && arg.TryStage(argv[i + 1], out _))
                    {
                        i++;
                        continue;
                    }

                    break;
            }

            if (!arg.TryStage(text, out var error))
            {
                return $"option '{option.Display}': invalid value '{text}', {error}";
            }
        }

        return null;
    }

    /// <summary>The error naming the required options the command line left out, or null (Cmdliner's wording).</summary>
    private string? Missing(HashSet<IBoundArg> given)
    {
        var missing = _args
            .Where(arg => arg.IsRequired && !given.Contains(arg))
            .Select(arg => $"'{Display(arg)}'")
            .ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"required option {missing[0]} is missing",
            _ => $"required options {string.Join(", ", missing)} are missing",
        };
    }

    /// <summary>The error of the first absent option whose default its check refuses (<see cref="ArgSpec{T}.Refine"/>), or null.</summary>
    private string? WrongDefault(HashSet<IBoundArg> given) =>
        _args.Where(arg => !given.Contains(arg)).Select(arg => arg.CheckDefault() is { } error ? $"option '{Display(arg)}' is needed: {error}" : null)
            .FirstOrDefault(error => error is not null);

    /// <summary>How the command line spells the option: its first long name, else its letter.</summary>
    private static string Display(IBoundArg arg) =>
        arg.Names.FirstOrDefault(name => name.Length > 1) is { } name ? "--" + name : "-" + arg.Names[0];

    private bool IsHelp(OptionToken option) =>
        option.IsLong
            ? option.Name == HelpName
            : option.Name == "h" && option.GluedValue is null && HelpHasShortName;

    private static string TooManyArguments(string word) => $"too many arguments, don't know what to do with '{word}'";

    private void WriteError(TextWriter output, string error)
    {
        output.WriteLine($"{ProgramName}: {error}");
        output.WriteLine($"Usage: {ProgramName} [OPTION]…");
        output.WriteLine($"Try '{ProgramName} --help' for more information.");
        output.Flush();
    }
}

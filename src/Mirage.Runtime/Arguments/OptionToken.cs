namespace Mirage.Runtime.Arguments;

/// <summary>
/// One command-line word read as an option: <c>--name</c>, <c>--name=value</c>, <c>-n</c> or
/// <c>-nvalue</c>.
/// </summary>
/// <param name="Name">The name without dashes.</param>
/// <param name="IsLong">Whether it was written with two dashes.</param>
/// <param name="GluedValue">The value written in the same word (after <c>=</c>, or after a short name), if any.</param>
internal readonly record struct OptionToken(string Name, bool IsLong, string? GluedValue)
{
    /// <summary>The option as errors show it: <c>--name</c> or <c>-n</c>.</summary>
    public string Display => IsLong ? "--" + Name : "-" + Name;

    /// <summary>
    /// Whether <paramref name="word"/> is an option rather than a value: it starts with a dash and is
    /// neither <c>-</c> alone nor a negative number (so <c>--offset -5</c> works).
    /// </summary>
    public static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !char.IsAsciiDigit(word[1]) && word[1] != '.';

    /// <summary>Reads <paramref name="word"/> as an option, or returns false for a positional word.</summary>
    public static bool TryRead(string word, out OptionToken option)
    {
        option = default;
        if (!LooksLikeOption(word) || word == "--")
        {
            return false;
        }

        if (word[1] == '-')
        {
            var equals = word.IndexOf('=', 2);
            option = equals < 0
                ? new OptionToken(word[2..], IsLong: true, GluedValue: null)
                : new OptionToken(word[2..equals], IsLong: true, GluedValue: word[(equals + 1)..]);
        }
        else
        {
            option = new OptionToken(word[1..2], IsLong: false, GluedValue: word.Length > 2 ? word[2..] : null);
        }

        return true;
    }
}

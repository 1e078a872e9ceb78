namespace Mirage.Engine.Optimization;

/// <summary>
/// Orders version strings as NuGet does: dotted numeric parts compared as numbers (missing parts are
/// 0, so <c>2.0</c> equals <c>2.0.0</c>), a release after its prereleases (<c>2.0-beta</c> &lt; <c>2.0</c>),
/// prerelease labels part by part (numbers before words), build metadata (<c>+abc</c>) ignored.
/// </summary>
internal static class PackageVersion
{
    public static int Compare(string a, string b)
    {
        var (releaseA, prereleaseA) = Split(a);
        var (releaseB, prereleaseB) = Split(b);
        var byRelease = CompareParts(releaseA, releaseB, missingIsZero: true);
        if (byRelease != 0)
        {
            return byRelease;
        }
        return (prereleaseA.Length, prereleaseB.Length) switch
        {
            (0, 0) => 0,
            (0, _) => 1,
            (_, 0) => -1,
            _ => CompareParts(prereleaseA, prereleaseB, missingIsZero: false),
        };
    }

    private static (string[] Release, string[] Prerelease) Split(string version)
    {
        var text = version.Trim();
        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            text = text[..plus];
        }
        var dash = text.IndexOf('-');
        return dash < 0
            ? (text.Split('.'), [])
            : (text[..dash].Split('.'), text[(dash + 1)..].Split('.'));
    }

    /// <summary>
    /// Part by part; a missing release part counts as 0, while a shorter prerelease label comes
    /// first (<c>beta</c> &lt; <c>beta.1</c>).
    /// </summary>
    private static int CompareParts(string[] a, string[] b, bool missingIsZero)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (!missingIsZero && (i >= a.Length || i >= b.Length))
            {
                return a.Length.CompareTo(b.Length);
            }
            var byPart = ComparePart(i < a.Length ? a[i] : "0", i < b.Length ? b[i] : "0");
            if (byPart != 0)
            {
                return byPart;
            }
        }
        return 0;
    }

    private static int ComparePart(string a, string b)
    {
        var aIsNumber = long.TryParse(a, out var numberA);
        var bIsNumber = long.TryParse(b, out var numberB);
        return (aIsNumber, bIsNumber) switch
        {
            (true, true) => numberA.CompareTo(numberB),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        };
    }
}

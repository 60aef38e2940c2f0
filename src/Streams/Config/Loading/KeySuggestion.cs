namespace Streams.Config.Loading;

/// <summary>
/// Finds the known name an unknown one was probably meant to be, for "did you mean" hints: the
/// same name in other letter case, a typo (a few edits away), or an abbreviation (<c>lvl</c> for
/// <c>level</c>). The CLI uses it for mistyped options too.
/// </summary>
public static class KeySuggestion
{
    private const int MinAbbreviation = 3;

    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .Select(known => (known, score: Score(name, known)))
            .Where(candidate => candidate.score is not null)
            .OrderBy(candidate => candidate.score)
            .ThenBy(candidate => candidate.known, StringComparer.Ordinal)
            .Select(candidate => candidate.known)
            .FirstOrDefault();
    }

    /// <summary>Lower is likelier; null when <paramref name="known"/> is not a plausible meaning of <paramref name="name"/>.</summary>
    private static int? Score(string name, string known)
    {
        if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var threshold = Math.Max(1, known.Length / 3);
        var distance = EditDistance(name.ToLowerInvariant(), known.ToLowerInvariant());
        if (distance <= threshold)
        {
            return distance;
        }

        return IsAbbreviation(name, known) ? threshold + 1 : null;
    }

    /// <summary>Same first letter, and every letter of <paramref name="name"/> in <paramref name="known"/> in order.</summary>
    private static bool IsAbbreviation(string name, string known)
    {
        if (name.Length < MinAbbreviation || name.Length >= known.Length || char.ToLowerInvariant(name[0]) != char.ToLowerInvariant(known[0]))
        {
            return false;
        }

        var at = 0;
        foreach (var c in known)
        {
            if (at < name.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(name[at]))
            {
                at++;
            }
        }

        return at == name.Length;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) between two keys; typos are mostly these.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

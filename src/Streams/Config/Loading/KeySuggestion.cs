namespace Streams.Config.Loading;

/// <summary>Finds the known key an unknown one was probably meant to be, for "did you mean" hints.</summary>
internal static class KeySuggestion
{
    public static string? Closest(string name, IEnumerable<string> candidates) =>
        candidates
            .Select(known => (known, distance: EditDistance(name, known)))
            .Where(candidate => candidate.distance <= Math.Max(1, candidate.known.Length / 3))
            .OrderBy(candidate => candidate.distance)
            .ThenBy(candidate => candidate.known, StringComparer.Ordinal)
            .Select(candidate => candidate.known)
            .FirstOrDefault();

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

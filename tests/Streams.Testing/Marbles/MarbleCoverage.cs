namespace Streams.Testing.Marbles;

/// <summary>Keeps files and code in step: every file's scenario exists, every scenario has a file.</summary>
public static class MarbleCoverage
{
    /// <summary>
    /// One line per problem: a file that cannot be read, a file naming a scenario no code implements, or a
    /// scenario no file names. Empty when everything lines up.
    /// </summary>
    public static IReadOnlyList<string> Gaps(MarbleScenarios scenarios, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            MarbleFile marbles;
            try
            {
                marbles = MarbleCases.Load(file);
            }
            catch (Exception e) when (e is MarbleFormatException or IOException)
            {
                problems.Add($"{file}: cannot be read: {e.Message}");
                continue;
            }

            named.Add(marbles.Scenario);
            if (!scenarios.TryGet(marbles.Scenario, out _))
            {
                problems.Add($"{file}: @scenario {marbles.Scenario} has no [MarbleScenario(\"{marbles.Scenario}\")] method");
            }
        }

        problems.AddRange(scenarios.Names
            .Where(n => !named.Contains(n))
            .Select(n => $"scenario {n} has no .marble file (add marbles/<area>/<name>.marble with @scenario {n})"));
        return problems;
    }
}

using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests;

/// <summary>Every marbles/**/*.marble file is a test case, run against its [MarbleScenario] in this assembly.</summary>
public sealed class MarbleFiles
{
    private static readonly MarbleScenarios Scenarios = MarbleScenarios.In(typeof(MarbleFiles).Assembly);

    public static TheoryData<string> Files => MarbleCases.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs(string file) => MarbleRun.Verify(file, Scenarios);

    [Fact]
    public void Every_file_has_a_scenario_and_every_scenario_a_file()
    {
        var gaps = MarbleCoverage.Gaps(Scenarios, MarbleCases.Files());

        Assert.True(gaps.Count == 0, "marble files and [MarbleScenario] methods are out of step:\n" + string.Join("\n", gaps));
    }
}

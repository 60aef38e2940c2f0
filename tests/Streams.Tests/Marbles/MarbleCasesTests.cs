using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleCasesTests
{
    [Fact]
    public void Lists_the_copied_files_as_sorted_relative_paths()
    {
        var files = MarbleCases.Files();

        files.Should().Contain(["harness/throttle.marble", "harness/take.marble"]);
        files.Should().BeInAscendingOrder(StringComparer.Ordinal);
        files.Should().OnlyContain(f => !f.Contains('\\') && !Path.IsPathRooted(f) && f.EndsWith(".marble"));
        files.Select(MarbleCases.Resolve).Should().OnlyContain(p => File.Exists(p));
    }

    [Fact]
    public void Theory_data_has_one_case_per_file_and_can_be_limited_to_a_folder()
    {
        Paths(MarbleCases.All()).Should().Equal(MarbleCases.Files());
        Paths(MarbleCases.Under("harness")).Should().Equal(MarbleCases.Files("harness"))
            .And.OnlyContain(f => f.StartsWith("harness/"));
    }

    [Fact]
    public void An_empty_folder_is_an_error_rather_than_a_silent_pass() =>
        FluentActions.Invoking(() => MarbleCases.Under("no-such-area"))
            .Should().Throw<InvalidOperationException>().WithMessage("no .marble files under *no-such-area");

    [Fact]
    public void Relative_paths_resolve_under_the_copied_folder_and_rooted_ones_stay()
    {
        MarbleCases.Resolve("harness/take.marble").Should().Be(Path.Combine(AppContext.BaseDirectory, "marbles", "harness/take.marble"));
        MarbleCases.Resolve("/tmp/x.marble").Should().Be("/tmp/x.marble");
        MarbleCases.Load("harness/take.marble").Source.Should().Be("harness/take.marble");
    }

    private static IEnumerable<string> Paths(TheoryData<string> data) => ((IEnumerable<object[]>)data).Select(row => (string)row[0]);
}

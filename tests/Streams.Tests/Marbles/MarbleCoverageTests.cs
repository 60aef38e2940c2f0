using System.Reactive.Linq;
using FluentAssertions;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Marbles;

public sealed class MarbleCoverageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marble-coverage-").FullName;

    [Fact]
    public void Reports_files_without_code_code_without_files_and_unreadable_files()
    {
        var scenarios = new MarbleScenarios(new Dictionary<string, Func<IMarbleContext, IObservable<string>>>
        {
            ["covered"] = _ => Observable.Never<string>(),
            ["orphan"] = _ => Observable.Never<string>(),
        });
        var files = new[]
        {
            Write("covered.marble", "@scenario covered\nexpected: -"),
            Write("missing.marble", "@scenario not.implemented\nexpected: -"),
            Write("broken.marble", "@scenario covered\nexpected: (a"),
        };

        var gaps = MarbleCoverage.Gaps(scenarios, files);

        gaps.Should().HaveCount(3);
        gaps.Should().Contain($"{files[1]}: @scenario not.implemented has no [MarbleScenario(\"not.implemented\")] method");
        gaps.Should().ContainMatch($"{files[2]}: cannot be read: {files[2]}:2:11: diagram 'expected': unclosed group*");
        gaps.Should().Contain("scenario orphan has no .marble file (add marbles/<area>/<name>.marble with @scenario orphan)");
    }

    [Fact]
    public void Is_empty_when_files_and_code_line_up()
    {
        var scenarios = new MarbleScenarios(new Dictionary<string, Func<IMarbleContext, IObservable<string>>>
        {
            ["one"] = _ => Observable.Never<string>(),
        });

        MarbleCoverage.Gaps(scenarios, [Write("one.marble", "@scenario one\nexpected: -")]).Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

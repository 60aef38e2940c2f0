using System.Text.Json;
using FluentAssertions;
using Serilog.Events;
using Streams.Derived;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

/// <summary>The meters' state files, on real files in a temporary directory.</summary>
public sealed class MeterStateFilesTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly MeterTotals Totals = new(12.5, 3.25, 250, 65.5);

    private readonly TemporaryDirectory _directory = new();
    private readonly LogCapture _log = new();

    public void Dispose() => _directory.Dispose();

    private MeterStateFiles Store(string? directory = null) => new(directory ?? _directory.Path, _log.Logger);

    [Fact]
    public void Saved_totals_are_loaded_by_the_next_process()
    {
        Store().Save("pack1", Totals, At).Should().BeTrue();

        Store().Load("pack1").Should().Be(Totals);
        _log.Events.Should().BeEmpty();
    }

    [Fact]
    public void The_file_is_plain_json_a_person_can_read()
    {
        var store = Store();
        store.Save("pack1", Totals, At);

        var json = JsonDocument.Parse(File.ReadAllText(store.FileOf("pack1"))).RootElement;
        json.GetProperty("version").GetInt32().Should().Be(1);
        json.GetProperty("meter").GetString().Should().Be("pack1");
        json.GetProperty("saved_at").GetDateTimeOffset().Should().Be(At);
        json.GetProperty("energy_charged_kwh").GetDouble().Should().Be(12.5);
        json.GetProperty("energy_discharged_kwh").GetDouble().Should().Be(3.25);
        json.GetProperty("amp_hours_charged").GetDouble().Should().Be(250);
        json.GetProperty("amp_hours_discharged").GetDouble().Should().Be(65.5);
        json.EnumerateObject().Select(p => p.Name).Should().Equal(
            ["version", "meter", "saved_at", "energy_charged_kwh", "energy_discharged_kwh", "amp_hours_charged", "amp_hours_discharged"],
            "the file holds the totals once, nothing computed from them");
    }

    [Fact]
    public void A_write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var store = Store();
        store.Save("pack1", Totals, At);
        store.Save("pack1", Totals.Add(1, 1, 1, 1), At.AddMinutes(1));

        Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Should().Equal("energy-pack1.json");
        Store().Load("pack1").Should().Be(Totals.Add(1, 1, 1, 1));
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_previous_file_intact()
    {
        var store = Store();
        store.Save("pack1", Totals, At);
        var before = File.ReadAllBytes(store.FileOf("pack1"));
        Directory.CreateDirectory(store.FileOf("pack1") + ".tmp"); // the temporary file cannot be created

        store.Save("pack1", Totals.Add(1, 1, 1, 1), At.AddMinutes(1)).Should().BeFalse();

        File.ReadAllBytes(store.FileOf("pack1")).Should().Equal(before);
        Store().Load("pack1").Should().Be(Totals);
    }

    [Fact]
    public void A_missing_file_is_zero_and_one_information_line_naming_the_file()
    {
        var store = Store();

        store.Load("pack1").Should().Be(MeterTotals.Zero);

        _log.Events.Should().ContainSingle().Which.Level.Should().Be(LogEventLevel.Information);
        _log.Events[0].RenderMessage().Should().Contain(store.FileOf("pack1")).And.Contain("zero");
    }

    [Theory]
    [InlineData("not json at all", "garbage")]
    [InlineData("{\"version\":1,\"meter\":\"pack1\",\"saved_at\":\"2026-01-02T12:00:00+00:00\",\"energy_charged_kwh\":1", "truncated")]
    [InlineData("{\"version\":1,\"meter\":\"pack1\",\"saved_at\":\"2026-01-02T12:00:00+00:00\",\"energy_charged_kwh\":1,\"energy_discharged_kwh\":1,\"amp_hours_charged\":1}", "a total missing")]
    [InlineData("{\"version\":1,\"meter\":\"pack1\",\"saved_at\":\"2026-01-02T12:00:00+00:00\",\"energy_charged_kwh\":-1,\"energy_discharged_kwh\":1,\"amp_hours_charged\":1,\"amp_hours_discharged\":1}", "negative")]
    [InlineData("{\"version\":2,\"meter\":\"pack1\",\"saved_at\":\"2026-01-02T12:00:00+00:00\",\"energy_charged_kwh\":1,\"energy_discharged_kwh\":1,\"amp_hours_charged\":1,\"amp_hours_discharged\":1}", "another version")]
    [InlineData("null", "null")]
    [InlineData("", "empty")]
    public void A_corrupt_file_is_zero_for_that_pack_only_and_one_warning_naming_the_file(string content, string why)
    {
        var store = Store();
        store.Save("pack2", Totals, At);
        File.WriteAllText(store.FileOf("pack1"), content);

        store.Load("pack1").Should().Be(MeterTotals.Zero, why);
        store.Load("pack2").Should().Be(Totals, "another pack's file is not touched");

        _log.Events.Should().ContainSingle(why).Which.Level.Should().Be(LogEventLevel.Warning);
        var line = _log.Events[0].RenderMessage();
        line.Should().Contain(store.FileOf("pack1")).And.Contain("zero").And.NotContain("\n");
    }

    [Fact]
    public void A_binary_file_does_not_throw()
    {
        var store = Store();
        File.WriteAllBytes(store.FileOf("pack1"), [0xFF, 0xFE, 0x00, 0x7B, 0x80]);

        store.Load("pack1").Should().Be(MeterTotals.Zero);
    }

    [Fact]
    public void An_unwritable_directory_is_one_warning_however_many_saves_fail_and_one_line_when_it_works_again()
    {
        var blocker = _directory.File("not-a-directory");
        File.WriteAllText(blocker, "a file where the state directory should be");
        var store = Store(Path.Combine(blocker, "state"));

        store.Save("pack1", Totals, At).Should().BeFalse();
        store.Save("pack2", Totals, At).Should().BeFalse();
        store.Save("pack1", Totals, At.AddMinutes(1)).Should().BeFalse();

        _log.Lines(LogEventLevel.Warning).Should().ContainSingle()
            .Which.Should().Contain(Path.Combine(blocker, "state")).And.Contain("memory");

        File.Delete(blocker);
        store.Save("pack1", Totals, At.AddMinutes(2)).Should().BeTrue("the directory is created when it can be");
        _log.Lines(LogEventLevel.Information).Should().ContainSingle().Which.Should().Contain("again");
        Store(Path.Combine(blocker, "state")).Load("pack1").Should().Be(Totals);
    }

    [Fact]
    public void A_missing_directory_is_created_on_the_first_save()
    {
        var store = Store(Path.Combine(_directory.Path, "a", "b"));

        store.Save("pack1", Totals, At).Should().BeTrue();

        File.Exists(Path.Combine(_directory.Path, "a", "b", "energy-pack1.json")).Should().BeTrue();
    }

    [Fact]
    public void Names_map_to_distinct_safe_file_names()
    {
        var store = Store();
        var names = new[] { "bank house", "bank_house", "bank%20house", "../escape", "päck", "a/b", "." };

        var files = names.Select(store.FileOf).ToList();

        files.Should().OnlyHaveUniqueItems();
        files.Should().AllSatisfy(f => Path.GetDirectoryName(f).Should().Be(store.Directory));
        store.FileOf("bank house").Should().EndWith("energy-bank%20house.json");
        store.FileOf("pack-1_a").Should().EndWith("energy-pack-1_a.json");

        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            store.Save(name, new MeterTotals(i, 0, 0, 0), At).Should().BeTrue(name);
        }

        names.Select(n => Store().Load(n).EnergyChargedKwh).Should().Equal(names.Select((_, i) => (double)i));
    }
}

using FluentAssertions;
using Spectre.Console.Testing;
using Streams.App.Hosting;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Sinks;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Sinks;

/// <summary>The console's live table, rendered without a terminal (Spectre's TestConsole) from real decoded readings.</summary>
public sealed class PackBoardTests
{
    private static readonly DateTimeOffset Noon = HaReadings.Noon;

    private static string Render(PackBoard board, DateTimeOffset now, int width = 160)
    {
        var console = new TestConsole().Width(width);
        console.Write(PackTableView.Table(board.Rows(), now));
        return console.Output;
    }

    private static string RowOf(string table, string pack) =>
        table.Split('\n').Single(line => line.Contains($" {pack} ", StringComparison.Ordinal));

    [Fact]
    public void A_pack_s_row_shows_its_main_readings_with_units()
    {
        var board = new PackBoard();
        var readings = new BoardedReadingSink(new RecordingReadingSink(), board);

        readings.Publish(HaReadings.Eg4("garage"));
        var row = RowOf(Render(board, Noon.AddSeconds(12)), "garage");

        // Vector eg4ll-wombatt-info: 53.66 V, 1.20 A, SoC 97, cells 3.353..3.355 V, up to 27 °C.
        row.Should().ContainAll("97 %", "53.66 V", "1.20 A", "64 W", "3.353 V", "3.355 V", "2 mV", "27 °C", "none", "online", "12 s");
    }

    [Fact]
    public void The_header_names_every_column()
    {
        var board = new PackBoard();
        board.Expect("garage");

        Render(board, Noon).Should().ContainAll("Pack", "SoC", "Voltage", "Current", "Power", "Cell min", "Cell max", "Delta", "Temp", "Problems", "Status", "Age");
    }

    [Fact]
    public void A_configured_pack_not_heard_yet_waits_in_its_place()
    {
        var board = new PackBoard();
        board.Expect("first");
        board.Expect("second");
        board.Publish(HaReadings.Jbd("second"));

        var table = Render(board, Noon);

        RowOf(table, "first").Should().Contain("waiting");
        RowOf(table, "second").Should().Contain("online").And.Contain("15.60 V");
        table.IndexOf(" first ", StringComparison.Ordinal).Should().BeLessThan(table.IndexOf(" second ", StringComparison.Ordinal));
    }

    [Fact]
    public void Active_problems_are_named_and_an_offline_pack_says_so()
    {
        var status = Eg4LlFrames.DecodeStatus(FrameVectors.Get("eg4ll-wombatt-info").Bytes).Value with { ErrorBits = 0x0011 };
        var board = new PackBoard();
        board.Publish(Eg4LlReadings.ToReading(HaReadings.Eg4Device("shed"), Noon, status));
        board.SetAvailability(HaReadings.Eg4Device("shed"), online: false);

        var row = RowOf(Render(board, Noon.AddMinutes(5), width: 220), "shed");

        row.Should().Contain("2: Voltage error, Cell unbalance error").And.Contain("offline").And.Contain("5 min");
    }

    [Fact]
    public void Values_a_device_does_not_report_are_a_dash()
    {
        var board = new PackBoard();
        board.Publish(new Reading(HaReadings.Eg4Device("bare"), Noon, [FieldValue.Of(CommonFields.PackVoltage, 51.2)]));

        var cells = RowOf(Render(board, Noon), "bare").Split('│', StringSplitOptions.TrimEntries);

        cells.Should().Contain("51.20 V");
        cells.Count(cell => cell == "-").Should().Be(7, "SoC, current, power, cell min/max/delta and temperature are unknown: {0}", string.Join("|", cells));
    }

    private sealed class RecordingReadingSink : IReadingSink
    {
        public List<Reading> Readings { get; } = [];

        public void Publish(Reading reading) => Readings.Add(reading);

        public void SetAvailability(DeviceInfo device, bool online)
        {
        }
    }
}

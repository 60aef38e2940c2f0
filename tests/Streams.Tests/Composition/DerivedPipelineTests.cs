using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.Composition;
using Streams.Core;
using Streams.Derived;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Tests.Derived;
using Streams.Tests.HomeAssistant;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>
/// The derived values as the bridge composes them, into the real Home Assistant publisher: a metered
/// EG4-LL pack (vector eg4ll-wombatt-info, gonzalop/wombatt), a metered JBD (vectors jbd-03/04-sp04s034-a,
/// syssi/esphome-jbd-bms) and the bank of both, in virtual time.
/// </summary>
public sealed class DerivedPipelineTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Layouts => [nameof(DiscoveryLayout.Device), nameof(DiscoveryLayout.Entity)];

    [Theory, MemberData(nameof(Layouts))]
    public void A_bank_and_metered_packs_pass_every_rule_of_the_discovery_checklist(string layout)
    {
        using var run = new Run(Enum.Parse<DiscoveryLayout>(layout));
        run.PollBoth(times: 3);
        var book = run.Harness.Book();

        book.Entities.Select(e => e.Key).Should().Contain(
            ["energy_charged", "energy_discharged", "amp_hours_charged", "amp_hours_discharged", "stored_energy", "time_to_full",
                "packs_online", "packs_configured", "cell_voltage_min_pack", "cell_voltage_max_pack"]);
        foreach (var (rule, violations) in book.EveryRule())
        {
            violations.Should().BeEmpty("rule {0} holds", rule);
        }
    }

    [Theory, MemberData(nameof(Layouts))]
    public void The_meters_are_what_the_energy_dashboard_takes_and_the_bank_hangs_off_the_bridge(string layout)
    {
        using var run = new Run(Enum.Parse<DiscoveryLayout>(layout));
        run.PollBoth(times: 2);
        var book = run.Harness.Book();

        foreach (var device in new[] { "pack1", "jbd1", "bank" })
        {
            foreach (var key in new[] { "energy_charged", "energy_discharged" })
            {
                var meter = book.Entities.Single(e => e.Key == key && e.Options["dev"]!["ids"]![0]!.GetValue<string>() == $"streams_{device}");
                (meter.Text("dev_cla"), meter.Text("stat_cla"), meter.Text("unit_of_meas")).Should().Be(("energy", "total_increasing", "kWh"), $"{device} {key}");
            }
        }

        var bank = book.Entities.Where(e => e.Options["dev"]!["ids"]![0]!.GetValue<string>() == "streams_bank").ToList();
        bank.Should().NotBeEmpty().And.OnlyContain(e => e.Options["dev"]!["via_device"]!.GetValue<string>() == "streams_bridge");
        bank.Select(e => e.Key).Should().Contain(["state_of_charge", "current", "power", "remaining_capacity", "cell_voltage_max_pack", "packs_online"]);
    }

    [Fact]
    public void The_bank_state_sums_the_packs_and_its_meter_counts_the_summed_power()
    {
        using var run = new Run(DiscoveryLayout.Device);
        run.PollBoth(times: 2);

        var bank = run.State("bank");
        bank["packs_online"]!.GetValue<double>().Should().Be(2);
        bank["current"]!.GetValue<double>().Should().Be(1.2, "the EG4 pack charges at 1.2 A, the JBD idles at 0 A");
        bank["cell_voltage_max_pack"]!.GetValue<string>().Should().Be("jbd1", "its 3.909 V cell is above the EG4's 3.355 V");
        // (53.66 + 15.6) / 2 V × 1.2 A over 10 s, a trapezoid of two equal samples.
        bank["energy_charged"]!.GetValue<double>().Should().BeApproximately((53.66 + 15.6) / 2 * 1.2 * 10 / 3600 / 1000, 1e-6);
        run.State("pack1")["energy_charged"]!.GetValue<double>().Should().BeApproximately(53.66 * 1.2 * 10 / 3600 / 1000, 1e-6);
    }

    [Fact]
    public void With_no_pack_online_the_bank_is_unavailable_and_back_with_the_next_reading()
    {
        using var run = new Run(DiscoveryLayout.Device);
        run.PollBoth(times: 1);
        run.Harness.Sink.Retained["streams/bank/availability"].Should().Be(StatePublisher.Online);

        run.Availability.OnNext(new AvailabilityChange(HaReadings.Eg4Device("pack1"), false));
        run.Harness.Sink.Retained["streams/bank/availability"].Should().Be(StatePublisher.Online, "jbd1 is still online");
        run.Availability.OnNext(new AvailabilityChange(HaReadings.JbdDevice("jbd1"), false));
        run.Harness.Sink.Retained["streams/bank/availability"].Should().Be(StatePublisher.Offline);

        run.PollBoth(times: 1);
        run.Harness.Sink.Retained["streams/bank/availability"].Should().Be(StatePublisher.Online);
    }

    [Fact]
    public void Stopping_saves_every_meter_once_more()
    {
        var run = new Run(DiscoveryLayout.Device);
        run.PollBoth(times: 2);
        run.Store.Stored.Should().BeEmpty("a minute has not passed");

        run.Dispose();

        run.Store.Stored.Keys.Should().BeEquivalentTo(["pack1", "bank"], "the idle JBD counted nothing, the others did");
        run.Store.Stored["pack1"].EnergyChargedKwh.Should().BeGreaterThan(0);
    }

    /// <summary>The pipeline into a publisher, with the readings and availability pushed by the test.</summary>
    private sealed class Run : IDisposable
    {
        private readonly Subject<Reading> _readings = new();
        private readonly IDisposable _subscription;
        private int _polls;

        public Run(DiscoveryLayout layout)
        {
            var options = new HomeAssistantOptions
            {
                DiscoveryPrefix = "homeassistant",
                BaseTopic = "streams",
                Layout = layout,
                Devices = new Dictionary<string, DeviceSettings>
                {
                    ["pack1"] = new(Poll),
                    ["jbd1"] = new(Poll),
                    ["bank"] = new(Poll),
                },
            };
            Harness = new PublisherHarness(options: options);
            Harness.Link!.Connect();
            var setup = new DerivedSetup(
                new MeterOptions(Poll * 3, MeterOptions.DefaultSaveEvery),
                Store,
                [new BankOptions("bank", ["pack1", "jbd1"], Poll * 3, EstimateOptions.Default)],
                EstimateOptions.Default);
            _subscription = DerivedPipeline.Publish(_readings, Availability, setup, Harness.Publisher, Harness.Scheduler).Subscribe();
        }

        public PublisherHarness Harness { get; }

        public RecordingMeterStore Store { get; } = new();

        public Subject<AvailabilityChange> Availability { get; } = new();

        /// <summary>One reading of each pack per poll interval, then the interval passes.</summary>
        public void PollBoth(int times)
        {
            for (var i = 0; i < times; i++, _polls++)
            {
                var at = HaReadings.Noon + (Poll * _polls);
                _readings.OnNext(HaReadings.Eg4("pack1", at));
                _readings.OnNext(HaReadings.Jbd("jbd1", at));
                Harness.Advance(Poll);
            }
        }

        public JsonObject State(string device) => (JsonObject)JsonNode.Parse(Harness.Sink.Retained[$"streams/{device}/state"])!;

        public void Dispose()
        {
            _subscription.Dispose();
            Harness.Dispose();
        }
    }
}

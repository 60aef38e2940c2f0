using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.Health;
using Streams.IntegrationTests.Serial;
using Streams.Transports.Serial;
using Xunit;
using Xunit.Abstractions;

namespace Streams.IntegrationTests.Polling;

/// <summary>The pollers on real pseudo-terminals (termios on the app side, a responder on each master).</summary>
public sealed class LivePollingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly ReconnectPolicy FastReconnect = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    private readonly string _directory = Directory.CreateTempSubdirectory("streams-polling-").FullName;
    private readonly List<IDisposable> _cleanup = [];

    private static SourceContext Context(HealthConfig? health = null) =>
        new(Scheduler.Default, Serilog.Core.Logger.None, health ?? new HealthConfig(2, TimeSpan.FromHours(1))) { Reconnect = FastReconnect };

    private static Eg4ModbusSourceConfig Eg4(string port, TimeSpan interval, params PackConfig[] packs) =>
        new(port, 9600, Timeout, interval, 39, TimeSpan.FromMilliseconds(5), null, packs);

    private PtyResponder Responder(PtyResponder responder)
    {
        _cleanup.Add(responder);
        return responder;
    }

    private PollCollector Run(IEnumerable<SourceConfig> sources, SourceContext context)
    {
        var collector = new PollCollector();
        var polls = LiveRun.All(sources, _ => context);
        _cleanup.Add(polls.Publish(shared => shared.Do(collector.Add)
                .Select(_ => (AvailabilityChange?)null)
                .Merge(shared.MonitorHealth(new HealthOptions(context.Health.OfflineAfter, context.Health.Heartbeat), context.Log, context.Scheduler)))
            .Subscribe(change =>
            {
                if (change is not null)
                {
                    collector.Add(change);
                }
            }, collector.Fail));
        return collector;
    }

    [Fact]
    public async Task Per_port_packs_a_shared_bus_and_a_JBD_all_produce_readings()
    {
        var single1 = Responder(PtyResponder.Eg4Packs(null, 1));
        var single2 = Responder(PtyResponder.Eg4Packs(null, 2));
        var shared = Responder(PtyResponder.Eg4Packs(null, 3, 4));
        var jbd = Responder(PtyResponder.Jbd());

        var collector = Run(
            [
                Eg4(single1.Path, Interval, new PackConfig("pack1", 1)),
                Eg4(single2.Path, Interval, new PackConfig("pack2", 2)),
                Eg4(shared.Path, Interval, new PackConfig("pack3", 3), new PackConfig("pack4", 4)),
                new JbdSerialSourceConfig(jbd.Path, 9600, "jbd1", Timeout, Interval, null),
            ],
            Context());

        string[] packs = ["pack1", "pack2", "pack3", "pack4", "jbd1"];
        await Bounded.Until(() => packs.All(p => collector.Successes(p) >= 3) || collector.Error is not null, "three readings from every pack");

        collector.Error.Should().BeNull();
        var polls = collector.Polls;
        polls.Should().OnlyContain(p => p.Outcome.Succeeded, "every device answers");
        var readings = polls.Where(p => p.Reading is not null).ToList();
        readings.Where(p => p.Device.Name.StartsWith("pack", StringComparison.Ordinal))
            .Should().OnlyContain(p => p.Reading!.Fields.Single(f => f.Spec.Key == "state_of_charge").Number == int.Parse(p.Device.Name.Substring(4)));
        readings.Where(p => p.Device.Name == "pack3").Should().OnlyContain(p => p.Device.Serial == "SN0003", "the identity is read before the first reading is emitted");
        readings.First(p => p.Device.Name == "jbd1").Reading!.Fields.Should().Contain(f => f.Spec.Key == "cell_04_voltage");
        collector.Changes.Select(c => c.ToString()).Should().BeEquivalentTo("pack1 online", "pack2 online", "pack3 online", "pack4 online", "jbd1 online");
        output.WriteLine($"{polls.Count} polls, {readings.Count} readings");
    }

    [Fact]
    public async Task An_unplugged_port_goes_offline_without_disturbing_the_others_and_recovers_when_plugged_back()
    {
        var linkA = Path.Combine(_directory, "ttyA");
        var deviceA = PtyResponder.Eg4Packs(linkA, 1);
        var deviceB = Responder(PtyResponder.Eg4Packs(Path.Combine(_directory, "ttyB"), 2));
        var collector = Run([Eg4(linkA, Interval, new PackConfig("packA", 1)), Eg4(deviceB.Path, Interval, new PackConfig("packB", 2))], Context());
        await Bounded.Until(() => collector.Successes("packA") >= 2 && collector.Successes("packB") >= 2, "both packs answering");

        var unplugged = Stopwatch.StartNew();
        deviceA.Dispose();
        await Bounded.Until(() => collector.Changes.Any(c => c is { Online: false, Device.Name: "packA" }), "packA offline");
        var offlineAfter = unplugged.Elapsed;
        var packBBefore = collector.Successes("packB");
        await Bounded.Until(() => collector.Successes("packB") >= packBBefore + 3, "packB still producing while packA is gone");
        collector.Polls.Where(p => p.Device.Name == "packA").Last().Outcome.Detail.Should().StartWith($"port {linkA} disconnected: ");

        var replugged = Stopwatch.StartNew();
        Responder(PtyResponder.Eg4Packs(linkA, 1));
        await Bounded.Until(() => collector.Changes.Count(c => c is { Online: true, Device.Name: "packA" }) == 2, "packA online again");
        var recoveredAfter = replugged.Elapsed;

        collector.Changes.Where(c => c.Device.Name == "packA").Select(c => c.Online).Should().Equal(true, false, true);
        collector.Changes.Where(c => c.Device.Name == "packB").Select(c => c.Online).Should().Equal(true);
        // How soon a reopened port is polled again is pinned in virtual time by marbles/serial/reopen-backoff*.marble.
        collector.Error.Should().BeNull();
        output.WriteLine($"offline {offlineAfter.TotalMilliseconds:0} ms after unplug; online {recoveredAfter.TotalMilliseconds:0} ms after replug");
    }

    [Fact]
    public async Task One_dead_pack_of_sixteen_on_sixteen_ports_costs_one_timeout_not_the_sum()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        var sources = new List<SourceConfig>();
        for (byte i = 1; i <= 16; i++)
        {
            var device = Responder(i == 7 ? PtyResponder.Silent() : PtyResponder.Eg4Packs(null, i));
            sources.Add(Eg4(device.Path, TimeSpan.FromSeconds(30), new PackConfig($"pack{i:D2}", i)) with { Timeout = timeout });
        }

        var started = Stopwatch.StartNew();
        var collector = Run(sources, Context());
        await Bounded.Until(() => collector.Polls.Count >= 16 || collector.Error is not null, "one poll from each of 16 packs");
        var cycle = started.Elapsed;
        var healthy = collector.Polls.Where(p => p.Outcome.Succeeded).ToList();

        collector.Polls.Should().HaveCount(16);
        collector.Polls.Single(p => !p.Outcome.Succeeded).Device.Name.Should().Be("pack07");
        healthy.Should().HaveCount(15);
        // That one dead port costs one timeout and not the sum is timing, pinned in virtual time by
        // marbles/polling/slow-port-independent.marble; here the real ports only have to deliver every poll.
        output.WriteLine($"16 ports, 1 dead pack, timeout {timeout.TotalMilliseconds} ms: first cycle done after {cycle.TotalMilliseconds:0} ms");
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            item.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }
}

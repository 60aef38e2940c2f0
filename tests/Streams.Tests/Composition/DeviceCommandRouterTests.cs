using System.Reactive.Concurrency;
using FluentAssertions;
using Serilog.Core;
using Streams.Composition;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Tests.Sources.Bluetooth;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>Home Assistant switch commands reach the poller that owns the BMS's link (virtual time).</summary>
public sealed class DeviceCommandRouterTests
{
    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_command_switches_the_MOSFETs_of_its_device_and_the_poller_s_re_read_shows_it()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        using var router = new DeviceCommandRouter();
        var seen = new List<PackPoll>();
        using var polls = Polls(link, router).Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        await router.SetMosfetsAsync("garage_jbd", charge: false, discharge: null, CancellationToken.None);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        bms.Mosfets.Should().Be(0x02, "charge off, discharge left on");
        seen.Should().HaveCount(2, "one poll, then the re-read after the command");
        seen[^1].Reading!.Fields.Single(f => f.Spec.Key == "charge_mosfet").Flag.Should().BeFalse();
        (await router.ReadNowAsync("garage_jbd", CancellationToken.None)).Should().BeNull("the re-read arrives as a poll, not as an answer here");
    }

    [Fact]
    public async Task A_command_for_another_device_leaves_the_BMS_alone()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        using var router = new DeviceCommandRouter();
        using var polls = Polls(link, router).Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        await router.SetMosfetsAsync("shed_jbd", true, false, CancellationToken.None);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        bms.Mosfets.Should().Be(0x03);
    }

    private IObservable<PackPoll> Polls(ScriptedBleLink link, DeviceCommandRouter router) =>
        JbdBlePoller.Polls(
            link,
            new JbdBleOptions("garage_jbd", "A4:C1:37:04:2D:BE", null, AllowControl: true, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
            router.Commands,
            _scheduler,
            new PollerOptions(Logger.None));
}

using System.Reactive.Concurrency;
using FluentAssertions;
using Serilog.Core;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Tests.Sources.Bluetooth;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>Home Assistant switch commands reach the poller that owns the BMS's link (virtual time).</summary>
public sealed class DeviceCommandRouterTests
{
    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private JbdBlePoller Poller(ScriptedBleLink link) => new(
        link,
        new JbdBleSourceConfig("A4:C1:37:04:2D:BE", "garage_jbd", "hci0", null, AllowControl: true, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
        _scheduler,
        new PollerOptions(Logger.None));

    [Fact]
    public async Task A_command_for_a_registered_device_switches_its_MOSFETs_and_the_newest_reading_shows_it()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var poller = Poller(link);
        var router = new DeviceCommandRouter();
        using var registration = router.Register("garage_jbd", poller);
        using var polls = poller.Polls.Subscribe(router.Observe);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));

        var command = router.SetMosfetsAsync("garage_jbd", charge: false, discharge: null, CancellationToken.None);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        command.IsCompletedSuccessfully.Should().BeTrue();
        // jbd-write-e1-1 (charge FET off, discharge on) was written; the BMS now reports only discharge on.
        link.Writes.Should().Contain(w => Convert.ToHexString(w) == "DD5AE1020001FF1C77");
        bms.Mosfets.Should().Be(0x02, "the 0x03 reply's bit 0 (charge on) is cleared, bit 1 (discharge on) kept");
        var reading = await router.ReadNowAsync("garage_jbd", CancellationToken.None);
        reading!.Fields.Single(f => f.Spec.Key == "charge_mosfet").Flag.Should().BeFalse();
    }

    [Fact]
    public async Task A_command_for_an_unknown_or_stopped_device_fails_clearly()
    {
        var router = new DeviceCommandRouter();
        var poller = Poller(new ScriptedBleLink(_scheduler, new ScriptedJbdBms()));
        router.Register("garage_jbd", poller).Dispose();

        var act = () => router.SetMosfetsAsync("garage_jbd", true, true, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("device garage_jbd is not running or not controllable");
        (await router.ReadNowAsync("garage_jbd", CancellationToken.None)).Should().BeNull();
    }
}

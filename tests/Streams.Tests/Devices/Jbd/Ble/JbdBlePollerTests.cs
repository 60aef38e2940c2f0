using System.Reactive.Concurrency;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Tests.Sources.Bluetooth;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd.Ble;

/// <summary>The JBD BLE poller over a <see cref="ScriptedBleLink"/> in virtual time (timelines: marbles/ble).</summary>
public sealed class JbdBlePollerTests
{
    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_MOSFET_command_needs_allow_control()
    {
        var poller = Poller(new ScriptedBleLink(_scheduler, new ScriptedJbdBms()), allowControl: false);
        using var polls = poller.Polls.Subscribe(_ => { });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => poller.SetMosfetsAsync(false, null));

        Assert.Contains("allow_control", error.Message);
    }

    [Fact]
    public async Task A_MOSFET_command_needs_a_running_poller()
    {
        var poller = Poller(new ScriptedBleLink(_scheduler, new ScriptedJbdBms()), allowControl: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => poller.SetMosfetsAsync(false, null));
    }

    [Fact]
    public void A_MOSFET_command_keeps_the_unnamed_MOSFET_as_read_and_writes_the_vector_frame()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var poller = Poller(link, allowControl: true);
        var seen = new List<PackPoll>();
        using var polls = poller.Polls.Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));

        var command = poller.SetMosfetsAsync(charge: null, discharge: false);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        Assert.True(command.IsCompletedSuccessfully);
        // jbd-write-e1-2: discharge off, charge on (syssi/esphome-jbd-bms write_command_test.cpp)
        Assert.Contains(link.Writes, w => Convert.ToHexString(w) == Convert.ToHexString(FrameVectors.Get("jbd-write-e1-2").Bytes));
        Assert.Equal(0x01, bms.Mosfets);
        var last = seen[^1].Reading!.Fields.ToDictionary(f => f.Spec.Key);
        Assert.Equal(true, last["charge_mosfet"].Flag);
        Assert.Equal(false, last["discharge_mosfet"].Flag);
    }

    [Fact]
    public void A_command_that_times_out_fails_its_task_and_drops_the_link()
    {
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms());
        var poller = Poller(link, allowControl: true);
        using var polls = poller.Polls.Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        link.Silent = true;

        var command = poller.SetMosfetsAsync(charge: false, discharge: true);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(600));

        Assert.IsType<TimeoutException>(command.Exception?.InnerException);
        Assert.False(link.Current!.IsConnected);
    }

    [Fact]
    public void The_password_handshake_precedes_the_first_read_and_sends_the_vector_frames()
    {
        // jbd-auth-*: MAC a4:c1:37:04:2d:be, password 123412, random 0x61 (syssi/esphome-jbd-bms docs/ffaa-auth-flow)
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms { Password = "123412" });
        var seen = new List<PackPoll>();
        using var polls = Poller(link, password: "123412").Polls.Subscribe(seen.Add);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1.5));

        Assert.Equal(
            ["jbd-auth-appkey", "jbd-auth-getrandom", "jbd-auth-password-123412", "jbd-req-03"],
            link.Writes.Take(4).Select(w => FrameVectors.ById.Values.First(v => v.Hex == Convert.ToHexString(w).ToLowerInvariant()).Id));
        Assert.True(seen[0].Outcome.Succeeded, seen[0].ToString());
    }

    [Fact]
    public void The_success_rate_counts_failed_polls_and_the_rssi_is_the_links()
    {
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms());
        var seen = new List<PackPoll>();
        using var polls = Poller(link).Polls.Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        link.Silent = true;
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        link.Silent = false;

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.Equal([true, false, true], seen.Select(p => p.Outcome.Succeeded));
        var fields = seen[^1].Reading!.Fields.ToDictionary(f => f.Spec.Key);
        Assert.Equal(100.0 * 2 / 3, fields["ble_poll_success_rate"].Number!.Value, 6);
        Assert.Equal(-67, fields["ble_rssi"].Number);
        Assert.Equal(2, link.Connects);
    }

    private JbdBlePoller Poller(ScriptedBleLink link, bool allowControl = false, string? password = null) =>
        new(
            link,
            new JbdBleSourceConfig(link.Address, "p", "hci0", password is null ? null : new Secret(password), allowControl,
                TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)),
            _scheduler,
            new PollerOptions(Serilog.Core.Logger.None))
        {
            NotifySettle = TimeSpan.FromMilliseconds(100),
        };
}

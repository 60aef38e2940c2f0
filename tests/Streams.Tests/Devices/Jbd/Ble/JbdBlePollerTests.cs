using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Tests.Transports.Bluetooth;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd.Ble;

/// <summary>The JBD BLE poller over a <see cref="ScriptedBleLink"/> in virtual time (timelines: marbles/ble).</summary>
public sealed class JbdBlePollerTests
{
    private static readonly string SetE1 = Convert.ToHexString(FrameVectors.Get("jbd-write-e1-2").Bytes)[..6];

    private readonly HistoricalScheduler _scheduler = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Subject<SwitchCommand> _commands = new();

    [Fact]
    public void A_MOSFET_command_needs_allow_control()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var seen = new List<PackPoll>();
        using var polls = Polls(link, allowControl: false).Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));

        _commands.OnNext(new SwitchCommand("p", "discharge_mosfet", false));
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        Assert.DoesNotContain(link.Writes, w => Convert.ToHexString(w).StartsWith(SetE1, StringComparison.Ordinal));
        Assert.Equal(0x03, bms.Mosfets);
        Assert.All(seen, poll => Assert.True(poll.Outcome.Succeeded));
    }

    [Fact]
    public void Commands_for_another_device_or_an_unknown_switch_are_not_acted_on()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        using var polls = Polls(link, allowControl: true).Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));

        _commands.OnNext(new SwitchCommand("other", "discharge_mosfet", false));
        _commands.OnNext(new SwitchCommand("p", "heater", false));
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        Assert.DoesNotContain(link.Writes, w => Convert.ToHexString(w).StartsWith(SetE1, StringComparison.Ordinal));
        Assert.Equal(0x03, bms.Mosfets);
    }

    [Fact]
    public void A_MOSFET_command_keeps_the_unnamed_MOSFET_as_read_writes_the_vector_frame_and_its_re_read_is_the_one_poll_it_emits()
    {
        var bms = new ScriptedJbdBms();
        var link = new ScriptedBleLink(_scheduler, bms);
        var seen = new List<PackPoll>();
        using var polls = Polls(link, allowControl: true).Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        var before = seen.Count;

        _commands.OnNext(new SwitchCommand("p", "discharge_mosfet", false));
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(500));

        // jbd-write-e1-2: discharge off, charge on (syssi/esphome-jbd-bms write_command_test.cpp)
        Assert.Contains(link.Writes, w => Convert.ToHexString(w) == Convert.ToHexString(FrameVectors.Get("jbd-write-e1-2").Bytes));
        Assert.Equal(0x01, bms.Mosfets);
        Assert.Equal(before + 1, seen.Count);
        var last = seen[^1].Reading!.Fields.ToDictionary(f => f.Spec.Key);
        Assert.Equal(true, last["charge_mosfet"].Flag);
        Assert.Equal(false, last["discharge_mosfet"].Flag);
    }

    [Fact]
    public void A_command_that_times_out_drops_the_link_and_emits_nothing()
    {
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms());
        var seen = new List<PackPoll>();
        using var polls = Polls(link, allowControl: true).Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        var before = seen.Count;
        link.Silent = true;

        _commands.OnNext(new SwitchCommand("p", "charge_mosfet", false));
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(600));

        Assert.False(link.Current!.IsConnected);
        Assert.Equal(before, seen.Count);
    }

    [Fact]
    public void Each_subscription_has_its_own_connection_and_disposing_it_disconnects()
    {
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms());
        var polls = Polls(link);

        var first = polls.Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));
        first.Dispose();
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(100));
        Assert.False(link.Current!.IsConnected);

        var seen = new List<PackPoll>();
        using var second = polls.Subscribe(seen.Add);
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(900));

        Assert.Equal(2, link.Connects);
        Assert.True(seen.Single().Outcome.Succeeded, seen.Single().ToString());
    }

    [Fact]
    public void The_password_handshake_precedes_the_first_read_and_sends_the_vector_frames()
    {
        // jbd-auth-*: MAC a4:c1:37:04:2d:be, password 123412, random 0x61 (syssi/esphome-jbd-bms docs/ffaa-auth-flow)
        var link = new ScriptedBleLink(_scheduler, new ScriptedJbdBms { Password = "123412" });
        var seen = new List<PackPoll>();
        using var polls = Polls(link, password: "123412").Subscribe(seen.Add);

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
        using var polls = Polls(link).Subscribe(seen.Add);
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

    private IObservable<PackPoll> Polls(ScriptedBleLink link, bool allowControl = false, string? password = null) =>
        JbdBlePoller.Polls(
            link,
            new JbdBleOptions("p", link.Address, password is null ? null : new Secret(password), allowControl,
                TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1))
            {
                NotifySettle = TimeSpan.FromMilliseconds(100),
            },
            _commands,
            _scheduler,
            new PollerOptions(Serilog.Core.Logger.None));
}

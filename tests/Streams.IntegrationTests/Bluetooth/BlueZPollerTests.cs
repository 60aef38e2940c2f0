using System.Text.Json;
using FluentAssertions;
using System.Reactive.Subjects;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Polling;
using Streams.Transports.Bluetooth;
using Xunit;
using static Streams.IntegrationTests.Bluetooth.FakeBluezPolling;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>
/// The JBD BLE poller over BlueZLink (Tmds.DBus.Protocol) against the fake org.bluez on a real dbus-daemon: discovery,
/// connect, GATT, 20-byte notifications carrying real frames, drops, silence, a bluetoothd restart,
/// MOSFET commands and the FF AA handshake.
/// </summary>
public sealed class BlueZPollerTests
{
    [Fact]
    public async Task A_poll_decodes_the_vectors_field_by_field()
    {
        await using var bluez = await FakeBluez.StartAsync();
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));

        var poll = await polls.NextSuccessAsync(Wait);

        // jbd-03-sp04s034-a and jbd-04-sp04s034-a (syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U.txt)
        var basic = JbdVectors.Expected("jbd-03-sp04s034-a");
        var fields = poll.Reading!.Fields.ToDictionary(f => f.Spec.Key);
        fields["pack_voltage"].Number.Should().Be(basic.GetProperty("total_voltage_v").GetDouble());
        fields["current"].Number.Should().Be(basic.GetProperty("current_a").GetDouble());
        fields["remaining_capacity"].Number.Should().Be(basic.GetProperty("remaining_capacity_ah").GetDouble());
        fields["design_capacity"].Number.Should().Be(basic.GetProperty("nominal_capacity_ah").GetDouble());
        fields["cycles"].Number.Should().Be(basic.GetProperty("cycles").GetInt32());
        fields["state_of_charge"].Number.Should().Be(basic.GetProperty("soc_pct").GetInt32());
        fields["charge_mosfet"].Flag.Should().Be(basic.GetProperty("charge_fet_on").GetBoolean());
        fields["discharge_mosfet"].Flag.Should().Be(basic.GetProperty("discharge_fet_on").GetBoolean());
        fields["cell_count"].Number.Should().Be(basic.GetProperty("cell_count").GetInt32());
        fields["production_date"].Text.Should().Be(basic.GetProperty("production_date").GetString());
        var temperatures = basic.GetProperty("temperatures_c").EnumerateArray().Select(t => t.GetDouble()).ToArray();
        for (var i = 0; i < temperatures.Length; i++)
        {
            fields[$"temperature_sensor_{i + 1}"].Number.Should().Be(temperatures[i]);
        }

        var cells = JbdVectors.Expected("jbd-04-sp04s034-a").GetProperty("cell_voltages_v").EnumerateArray().Select(c => c.GetDouble()).ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            fields[$"cell_{i + 1:D2}_voltage"].Number.Should().Be(cells[i]);
        }

        // jbd-05-protocol-doc: the model, asked once.
        poll.Device.Model.Should().Be(JbdVectors.Expected("jbd-05-protocol-doc").GetProperty("model").GetString());
        poll.Device.Protocol.Should().Be(JbdBleDevice.Protocol);

        fields["ble_rssi"].Number.Should().Be(-62, "the fake's Device1.RSSI");
        fields["ble_poll_success_rate"].Number.Should().Be(100);
        fields["ble_last_seen"].Text.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");

        var writes = await bluez.WritesAsync();
        writes.Take(3).Should().Equal(
            JbdVectors.Hex("jbd-req-03") + "/command", JbdVectors.Hex("jbd-req-04") + "/command", JbdVectors.Hex("jbd-req-05") + "/command");
    }

    [Fact]
    public async Task A_dropped_link_is_rebuilt_by_the_next_poll()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));
        await polls.NextSuccessAsync(Wait);

        await bluez.LoseLinkAsync();

        // A poll in flight at that moment fails as link lost (at once, not by timeout); the next one reconnects.
        var next = await polls.NextAsync(p => p.Outcome.Succeeded || !p.Outcome.Category!.StartsWith(nameof(BleLinkLostException), StringComparison.Ordinal), Wait);
        next.Outcome.Succeeded.Should().BeTrue(next.ToString());
        (await bluez.ConnectsAsync()).Should().Be(2);
        (await bluez.DeviceConnectedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Silence_times_out_forces_a_disconnect_and_the_next_poll_starts_clean()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));
        await polls.NextSuccessAsync(Wait);

        await bluez.SetSilentAsync(true);
        var timedOut = await polls.NextAsync(p => !p.Outcome.Succeeded, Wait);
        timedOut.Outcome.Category.Should().StartWith(nameof(TimeoutException));
        (await bluez.DeviceConnectedAsync()).Should().BeFalse("a timeout forces a disconnect");

        await bluez.SetSilentAsync(false);
        var next = await polls.NextAsync(_ => true, Wait);
        next.Outcome.Succeeded.Should().BeTrue(next.ToString());
        (await bluez.ConnectsAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_bluetoothd_restart_is_noticed_and_the_next_poll_finds_the_device_again()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        var log = new LogLines();
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link, log: log.Logger));
        await polls.NextSuccessAsync(Wait);

        await bluez.RestartAsync();
        var noticed = await log.FirstAsync("restarted", Wait);
        var next = await polls.NextAsync(_ => true, Wait);

        // The restarted fake forgot the connection without a word: only the owner change of org.bluez tells.
        noticed.Should().Be($"BMS bms1: Bluetooth link to {FakeBluez.Mac} lost: the Bluetooth service (org.bluez) restarted; the next poll reconnects");
        next.Outcome.Succeeded.Should().BeTrue(next.ToString());
        (await bluez.ConnectsAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_MOSFET_command_goes_over_the_polling_connection_and_the_state_is_read_back()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        using var link = Link(bluez);
        using var commands = new Subject<SwitchCommand>();
        using var polls = new PollLog(Polls(link, commands, allowControl: true));
        await polls.NextSuccessAsync(Wait);

        commands.OnNext(new SwitchCommand("bms1", "charge_mosfet", false));
        var after = await polls.NextSuccessAsync(Wait);

        var fields = after.Reading!.Fields.ToDictionary(f => f.Spec.Key);
        fields["charge_mosfet"].Flag.Should().BeFalse();
        fields["discharge_mosfet"].Flag.Should().BeTrue();
        (await bluez.WritesAsync()).Should().Contain(JbdVectors.Hex("jbd-write-e1-1") + "/command");
        (await bluez.ConnectsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_password_handshake_unlocks_the_dongle()
    {
        // jbd-auth-password-123412: MAC a4:c1:37:04:2d:be, random 0x61 (syssi/esphome-jbd-bms docs/ffaa-auth-flow)
        await using var bluez = await FakeBluez.StartAsync(password: "123412", known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link, password: "123412"));

        await polls.NextSuccessAsync(Wait);

        (await bluez.WritesAsync()).Take(3).Should().Equal(
            JbdVectors.Hex("jbd-auth-appkey") + "/command",
            JbdVectors.Hex("jbd-auth-getrandom") + "/command",
            JbdVectors.Hex("jbd-auth-password-123412") + "/command");
    }

    [Fact]
    public async Task A_wrong_password_fails_the_poll_and_drops_the_link()
    {
        await using var bluez = await FakeBluez.StartAsync(password: "123412", known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link, password: "654321"));

        var failed = await polls.NextAsync(_ => true, Wait);

        failed.Outcome.Succeeded.Should().BeFalse();
        failed.Outcome.Detail.Should().Contain("refused the BLE password");
        (await bluez.DeviceConnectedAsync()).Should().BeFalse();
    }
}

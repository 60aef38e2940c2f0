using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.Bluetooth;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>
/// The <c>streams</c> process polling the fake JBD BMS through the fake ESPHome proxy (both real
/// processes on loopback), its values on the console sink: encrypted and plaintext, through a BLE drop,
/// a proxy restart and a full proxy, two BMSs on one API connection, a dead proxy beside a live one.
/// </summary>
public sealed class EsphomeCliTests : IDisposable
{
    private static readonly TimeSpan Wait = BridgeLines.Wait;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-esphome-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_bridge_prints_every_value_of_the_frames_heard_through_the_proxy(bool encrypted)
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted);
        var config = await new ProxyBridgeConfig(_dir).Source("shed", fake.Port, fake.Key).WriteAsync();

        using var bridge = StreamsCli.Start("-C", config);
        var state = await bridge.NextStateAsync("shed", "the first state line");

        ShouldCarryTheVectors(state, "jbd-03-sp04s034-a", "jbd-04-sp04s034-a");
        state.GetProperty("ble_rssi").GetDouble().Should().Be(-62, "the RSSI the proxy heard in the BMS's advertisement");
        await fake.WaitForAsync($"cccd {FakeEsphomeProxy.BmsMac} 0100", Wait);
        bridge.StandardError.Should().Contain($"ESPHome proxy {FakeEsphomeProxy.ProxyName} (127.0.0.1:{fake.Port}): connected (ESPHome 2026.1.0, API 1.12, {(encrypted ? "encrypted" : "plaintext")})");
        if (fake.Key is { } key)
        {
            bridge.StandardError.Should().NotContain(key);
        }

        bridge.Terminate();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0, bridge.StandardError);
        await fake.WaitForAsync("client closed", Wait);
    }

    [Fact]
    public async Task The_bridge_keeps_polling_through_a_BLE_drop_and_a_proxy_restart()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        var config = await new ProxyBridgeConfig(_dir).Source("shed", fake.Port, fake.Key).WriteAsync();
        using var bridge = StreamsCli.Start("-C", config);
        await bridge.NextStateWithAsync("shed", "pack_voltage", 15.6, "the first state (jbd-03-sp04s034-a)");

        // The link drops; while it is down the BMS changes what it says, so its new values can only come over a new link.
        await fake.SendAsync($"drop {FakeEsphomeProxy.BmsMac}");
        await fake.WaitForAsync($"gone {FakeEsphomeProxy.BmsMac}", Wait);
        await SwapFramesAsync(fake, "jbd-03-protocol-doc", "jbd-04-protocol-doc");
        await fake.WaitForAsync($"connect {FakeEsphomeProxy.BmsMac} cache=1", Wait);
        ShouldCarryTheVectors(await bridge.NextStateWithAsync("shed", "pack_voltage", 58.88, "a state over the rebuilt link"), "jbd-03-protocol-doc", "jbd-04-protocol-doc");

        // The proxy reboots (API connection gone, every BLE link with it) and comes back on the same port.
        await fake.SendAsync("reboot 1500");
        await fake.WaitForAsync("rebooting", Wait);
        await SwapFramesAsync(fake, "jbd-03-sp04s034-a", "jbd-04-sp04s034-a");
        await fake.WaitForAsync("rebooted", Wait);
        ShouldCarryTheVectors(await bridge.NextStateWithAsync("shed", "pack_voltage", 15.6, "a state through the rebooted proxy"), "jbd-03-sp04s034-a", "jbd-04-sp04s034-a");
        bridge.StandardError.Split('\n').Count(l => l.Contains("ESPHome proxy bms-proxy", StringComparison.Ordinal) && l.Contains("): connected (", StringComparison.Ordinal))
            .Should().Be(2, bridge.StandardError);
    }

    [Fact]
    public async Task A_full_proxy_is_one_log_line_naming_it_and_its_slots_and_no_connect_is_tried_until_a_slot_frees()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true, slots: 1);
        await fake.SendAsync("occupy 11:22:33:44:55:66");
        await fake.WaitForAsync("occupied", Wait);
        var config = await new ProxyBridgeConfig(_dir).Source("shed", fake.Port, fake.Key).WriteAsync();
        using var bridge = StreamsCli.Start("-C", config);

        var full = await bridge.WaitForErrorLineAsync(l => l.Contains("pack shed:", StringComparison.Ordinal), Wait, "the pack's first error report");
        full.Should().EndWith($"pack shed: ESPHome proxy {FakeEsphomeProxy.ProxyName} (127.0.0.1:{fake.Port}) has no free Bluetooth connection slot: 0 of 1 free, in use by 11:22:33:44:55:66 (free one, or raise bluetooth_proxy: connection_slots)");
        // Offline after three failed cycles: the positive signal that polling went on against the full proxy.
        await bridge.WaitForLineAsync(l => l == "streams/shed/availability offline", Wait, "the pack offline");

        await fake.SendAsync("slots 2");
        await bridge.NextStateWithAsync("shed", "pack_voltage", 15.6, "a state once a slot is free");
        bridge.StandardError.Split('\n').Count(l => l.Contains("no free Bluetooth connection slot", StringComparison.Ordinal)).Should().Be(1, "the error is reported once, not per cycle:\n" + bridge.StandardError);
        fake.Log.Split('\n').TakeWhile(l => !l.StartsWith("slots 2", StringComparison.Ordinal)).Should().NotContain(l => l.StartsWith("connect ", StringComparison.Ordinal), "a full proxy gets no connect request");
    }

    [Fact]
    public async Task Two_BMSs_behind_one_proxy_share_one_API_connection()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true, secondBms: true);
        var config = await new ProxyBridgeConfig(_dir)
            .Source("shed", fake.Port, fake.Key)
            .Source("garage", fake.Port, fake.Key, FakeEsphomeProxy.SecondBmsMac)
            .WriteAsync();
        using var bridge = StreamsCli.Start("-C", config);

        (await bridge.NextStateAsync("shed", "the first BMS's state")).GetProperty("pack_voltage").GetDouble().Should().Be(15.6);
        (await bridge.NextStateAsync("garage", "the second BMS's state")).GetProperty("ble_rssi").GetDouble().Should().Be(-71);

        await fake.SendAsync("state");
        var state = JsonDocument.Parse((await fake.WaitForAsync("state ", Wait))["state ".Length..]).RootElement;
        state.GetProperty("clients").GetInt32().Should().Be(1, fake.Log);
        state.GetProperty("connections").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo([FakeEsphomeProxy.BmsMac, FakeEsphomeProxy.SecondBmsMac]);
    }

    [Fact]
    public async Task A_dead_proxy_does_not_stop_the_sources_behind_a_live_one()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: false);
        var deadPort = ClosedPort();
        var config = await new ProxyBridgeConfig(_dir)
            .Source("shed", fake.Port, key: null)
            .Source("cabin", deadPort, key: null, FakeEsphomeProxy.SecondBmsMac)
            .WriteAsync();
        using var bridge = StreamsCli.Start("-C", config);

        await bridge.WaitForErrorLineAsync(l => l.Contains($"ESPHome proxy 127.0.0.1:{deadPort} unreachable: Connection refused; reconnecting in", StringComparison.Ordinal), Wait, "the dead proxy logged");
        await bridge.WaitForErrorLineAsync(l => l.Contains($"pack cabin: ESPHome proxy 127.0.0.1:{deadPort} unreachable", StringComparison.Ordinal), Wait, "the pack behind it failing");
        await bridge.WaitForLineAsync(l => l == "streams/cabin/availability offline", Wait, "the pack behind the dead proxy offline");
        // States of the live proxy's pack keep coming after the other one went offline.
        await bridge.NextStateWithAsync("shed", "pack_voltage", 15.6, "a state after the other pack went offline");
        await bridge.NextStateWithAsync("shed", "pack_voltage", 15.6, "the next one");
    }

    private static async Task SwapFramesAsync(FakeEsphomeProxy fake, string basic, string cells)
    {
        await fake.SendAsync($"frame {FakeEsphomeProxy.BmsMac} basic {JbdVectors.Hex(basic)}");
        await fake.WaitForAsync($"frame {FakeEsphomeProxy.BmsMac} basic", Wait);
        await fake.SendAsync($"frame {FakeEsphomeProxy.BmsMac} cells {JbdVectors.Hex(cells)}");
        await fake.WaitForAsync($"frame {FakeEsphomeProxy.BmsMac} cells", Wait);
    }

    /// <summary>The published values of a state, field by field, against what the vectors state.</summary>
    private static void ShouldCarryTheVectors(JsonElement state, string basicId, string cellsId)
    {
        var basic = JbdVectors.Expected(basicId);
        state.GetProperty("pack_voltage").GetDouble().Should().Be(basic.GetProperty("total_voltage_v").GetDouble());
        state.GetProperty("current").GetDouble().Should().Be(basic.GetProperty("current_a").GetDouble());
        state.GetProperty("remaining_capacity").GetDouble().Should().Be(basic.GetProperty("remaining_capacity_ah").GetDouble());
        state.GetProperty("design_capacity").GetDouble().Should().Be(basic.GetProperty("nominal_capacity_ah").GetDouble());
        state.GetProperty("cycles").GetInt32().Should().Be(basic.GetProperty("cycles").GetInt32());
        state.GetProperty("state_of_charge").GetInt32().Should().Be(basic.GetProperty("soc_pct").GetInt32());
        state.GetProperty("production_date").GetString().Should().Be(basic.GetProperty("production_date").GetString());
        state.GetProperty("cell_count").GetInt32().Should().Be(basic.GetProperty("cell_count").GetInt32());
        state.GetProperty("charge_mosfet").GetString().Should().Be(basic.GetProperty("charge_fet_on").GetBoolean() ? "ON" : "OFF");
        state.GetProperty("discharge_mosfet").GetString().Should().Be(basic.GetProperty("discharge_fet_on").GetBoolean() ? "ON" : "OFF");
        var temperatures = basic.GetProperty("temperatures_c").EnumerateArray().Select(t => t.GetDouble()).ToArray();
        for (var i = 0; i < temperatures.Length; i++)
        {
            state.GetProperty($"temperature_sensor_{i + 1}").GetDouble().Should().Be(temperatures[i]);
        }

        var cells = JbdVectors.Expected(cellsId).GetProperty("cell_voltages_v").EnumerateArray().Select(c => c.GetDouble()).ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            state.GetProperty($"cell_{i + 1:D2}_voltage").GetDouble().Should().Be(cells[i]);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

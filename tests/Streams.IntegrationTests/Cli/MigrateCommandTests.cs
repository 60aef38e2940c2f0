using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>
/// <c>streams migrate --from-python-bridge</c> against a real mosquitto holding what the Python
/// bridge (shared/seeds/000, <c>MQTTPublisher._publish_discovery</c>) retained (issue 11 item 8).
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-migrate-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>The keys <c>decode_eg4_modbus_regs</c> returns for a 47-register read, transcribed from the seed.</summary>
    private static IEnumerable<string> ModbusPerPackKeys()
    {
        for (var i = 0; i < 47; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"register_{i:D2}");
        }

        yield return "pack_voltage";
        yield return "pack_current";
        for (var i = 1; i <= 16; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"cell_{i:D2}_voltage");
        }

        foreach (var key in new[]
        {
            "cell_voltage_min", "cell_voltage_max", "cell_voltage_delta_mv", "cell_lowest", "cell_highest",
            "temperature_01", "temperature_02", "temperature_03", "temperature_04", "temperature_pcb", "soc", "soh", "heater",
            "max_current_limit",
        })
        {
            yield return key;
        }

        foreach (var bit in new[] { "pack_ov", "cell_ov", "pack_uv", "cell_uv", "charge_oc", "discharge_oc", "temp_anomaly", "mos_ot", "charge_ot", "discharge_ot", "charge_ut", "discharge_ut", "low_capacity", "other_error" })
        {
            yield return $"warning_{bit}";
        }

        foreach (var bit in new[] { "pack_ov", "cell_ov", "pack_uv", "cell_uv", "charge_oc", "discharge_oc", "temp_anomaly", "mos_ot", "charge_ot", "discharge_ot", "charge_ut", "discharge_ut", "float_stopped", "discharge_sc" })
        {
            yield return $"protection_{bit}";
        }

        foreach (var key in new[] { "error_code", "cell_count", "capacity_ah", "remaining_ah", "cycle_count", "battery_mode", "bms_version_hi", "bms_version_lo", "uptime_ds" })
        {
            yield return key;
        }
    }

    /// <summary>The seed's discovery payload for one value.</summary>
    private static string PythonConfig(string pack, string key, string? uniqueId = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = $"{pack} {key}",
        ["state_topic"] = $"homeassistant/sensor/{pack}_{key}/state",
        ["unique_id"] = uniqueId ?? $"{pack}_{key}_eg4",
        ["device"] = new Dictionary<string, object>
        {
            ["name"] = $"EG4 LifePower4 {pack}",
            ["identifiers"] = new[] { pack },
            ["model"] = "LifePower4 48V 100Ah v2 Auto-Addressing",
            ["manufacturer"] = "EG4 Electronics",
        },
    });

    [Fact]
    public async Task It_clears_exactly_the_python_bridges_configs_of_the_configured_packs_and_dry_run_clears_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var port = broker.Port(Plain.Name);
        var keys = ModbusPerPackKeys().ToList();
        var ours = keys.SelectMany(key => new[] { ("lifepower4_1", key), ("lifepower4_2", key) }).ToList();
        var kept = new Dictionary<string, string>
        {
            ["homeassistant/sensor/lifepower4_9_soc/config"] = PythonConfig("lifepower4_9", "soc"),
            ["homeassistant/sensor/lifepower4_1_custom/config"] = PythonConfig("lifepower4_1", "custom"),
            ["homeassistant/sensor/lifepower4_2_soh/config"] = PythonConfig("lifepower4_2", "soh", uniqueId: "someone_else"),
            ["homeassistant/device/streams_lifepower4_1/config"] = """{"dev":{"ids":["streams_lifepower4_1"],"name":"lifepower4_1"},"o":{"name":"streams"},"cmps":{"v":{"p":"sensor","uniq_id":"streams_lifepower4_1_v"}}}""",
        };
        await using (var seeder = await HomeAssistantWatcher.StartAsync(port))
        {
            foreach (var (pack, key) in ours.Where(o => !(o.Item1 == "lifepower4_2" && o.Item2 == "soh")))
            {
                await seeder.PublishAsync($"homeassistant/sensor/{pack}_{key}/config", PythonConfig(pack, key), retain: true);
            }

            foreach (var (topic, payload) in kept)
            {
                await seeder.PublishAsync(topic, payload, retain: true);
            }
        }

        var config = Path.Combine(_dir.FullName, "config.yaml");
        await File.WriteAllTextAsync(config, $$"""
            bus:
              mode: modbus_per_pack
            mqtt:
              host: 127.0.0.1
              port: {{port}}
              username: ""
              password: ""
            packs:
              - {name: lifepower4_1, address: 1, port: /dev/ttyUSB0}
              - {name: lifepower4_2, address: 1, port: /dev/ttyUSB1}
            """);
        var expected = ours.Count - 1;

        var (dryExit, dryOutput, dryError) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "migrate", "--from-python-bridge", "-C", config, "--dry-run"], StreamsCli.StartTimeout);
        dryExit.Should().Be(0, dryError);
        var dryLines = dryOutput.TrimEnd().Split('\n');
        dryLines[..^1].Should().HaveCount(expected).And.OnlyContain(l => l.StartsWith("would clear homeassistant/sensor/lifepower4_", StringComparison.Ordinal));
        dryLines[^1].Should().Be($"would clear {expected} retained discovery config(s) of the Python bridge for 2 pack(s): lifepower4_1, lifepower4_2; 1 config(s) on those topics are not the Python bridge's and were left alone");
        await using (var afterDryRun = await HomeAssistantWatcher.StartAsync(port))
        {
            await afterDryRun.CaughtUpAsync();
            afterDryRun.Latest.Keys.Count(t => t.StartsWith("homeassistant/sensor/", StringComparison.Ordinal)).Should().Be(expected + 3, "a dry run clears nothing");
        }

        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "migrate", "--from-python-bridge", "-C", config], StreamsCli.StartTimeout);
        exit.Should().Be(0, error);
        output.TrimEnd().Split('\n')[^1].Should().StartWith($"cleared {expected} retained discovery config(s) of the Python bridge for 2 pack(s)");
        error.Should().BeEmpty();

        await using var late = await HomeAssistantWatcher.StartAsync(port);
        await late.CaughtUpAsync();
        late.Latest.Keys.Where(t => t.StartsWith("homeassistant/sensor/", StringComparison.Ordinal)).Should()
            .BeEquivalentTo(kept.Keys.Where(t => t.StartsWith("homeassistant/sensor/", StringComparison.Ordinal)), "only the Python bridge's configs of the configured packs go");
        late.Latest.Should().ContainKey("homeassistant/device/streams_lifepower4_1/config");
        keys.Should().HaveCount(116, "what README.md says a modbus_per_pack pack leaves");
    }

    [Fact]
    public async Task Without_an_mqtt_section_it_is_a_one_line_error_with_exit_code_2()
    {
        var config = Path.Combine(_dir.FullName, "console.yaml");
        await File.WriteAllTextAsync(config, "sources:\n  - kind: simulator\n    device: eg4-ll\n    packs: [{name: p, address: 1}]\n");

        var (exit, output, error) = await ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "migrate", "--from-python-bridge", "-C", config], StreamsCli.StartTimeout);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.TrimEnd().Should().NotContain("\n").And.Be("streams: migrate: the configuration has no mqtt: section; migrate needs the broker the Python bridge published to");
    }
}

using FluentAssertions;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary><c>temperature_sensors</c>: how many of an EG4-LL pack's NTC inputs have sensors (docs/protocols.md §2).</summary>
public sealed class TemperatureSensorsConfigTests
{
    private static string Native(string? temperatureSensors) => $"""
        sources:
          - kind: eg4-modbus
            port: /dev/ttyUSB0
        {(temperatureSensors is null ? "" : $"    temperature_sensors: {temperatureSensors}\n")}    packs: [{"{"}name: p, address: 1{"}"}]
        """;

    private static string Seed(string mode, string? extra) => $"""
        bus:
          mode: {mode}
          port: /dev/ttyUSB9
        packs:
          - name: lifepower4_1
            address: 1
            port: /dev/ttyUSB0
          - name: lifepower4_2
            address: 2
            port: /dev/ttyUSB1
        {extra}
        """;

    [Theory]
    [InlineData("0", 0)]
    [InlineData("4", 4)]
    [InlineData("6", 6)]
    public void An_eg4_modbus_source_reads_it(string text, int expected) =>
        ShouldLoad(Native(text)).Sources.OfType<Eg4ModbusSourceConfig>().Single().TemperatureSensors.Should().Be(expected);

    [Fact]
    public void Without_it_the_sensors_are_told_from_what_each_pack_reports() =>
        ShouldLoad(Native(null)).Sources.OfType<Eg4ModbusSourceConfig>().Single().TemperatureSensors.Should().BeNull();

    [Fact]
    public void More_than_six_is_one_line_at_the_key() =>
        ShouldFailAt(Native("7"), "sources[0].temperature_sensors", 4, "must be 0..6, got 7");

    [Fact]
    public void A_negative_count_is_one_line_at_the_key() =>
        ShouldFailAt(Native("-1"), "sources[0].temperature_sensors", 4, "must be 0..6, got -1");

    [Fact]
    public void A_word_is_one_line_at_the_key() =>
        ShouldFailAt(Native("four"), "sources[0].temperature_sensors", 4, "four");

    [Fact]
    public void Other_kinds_do_not_take_it() =>
        ShouldFailAt("""
            sources:
              - kind: eg4-7e
                port: /dev/ttyUSB0
                temperature_sensors: 4
                packs: [{name: p, address: 1}]
            """, "sources[0].temperature_sensors", 4, "unknown key");

    [Fact]
    public void The_seed_format_takes_it_at_the_top_level_for_every_modbus_per_pack_source()
    {
        var sources = ShouldLoad(Seed("modbus_per_pack", "temperature_sensors: 4")).Sources.OfType<Eg4ModbusSourceConfig>().ToList();

        sources.Should().HaveCount(2).And.OnlyContain(s => s.TemperatureSensors == 4);
    }

    [Fact]
    public void In_the_seed_format_it_is_checked_like_in_the_native_one() =>
        ShouldFailAt(Seed("modbus_per_pack", "temperature_sensors: 9"), "temperature_sensors", 11, "must be 0..6, got 9");

    [Fact]
    public void In_another_seed_mode_it_is_a_warning_that_it_is_ignored()
    {
        var result = Load(Seed("active", "temperature_sensors: 4"));

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().ContainSingle(w => w.KeyPath == "temperature_sensors")
            .Which.Message.Should().Contain("only in modbus_per_pack mode");
    }
}

using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text.Json;
using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Streams.Tools;
using Xunit;

namespace Streams.Tests.Devices.Eg4Ll;

/// <summary>
/// Which of the six NTC bytes (registers 33–35) are sensors (docs/protocols.md §2). The real reply
/// eg4ll-wombatt-info (gonzalop/wombatt bms_test.go) has NTC bytes <c>18 18 18 18 00 00</c>: four
/// sensors at 24 °C and two unpopulated inputs that read 0x00, not the 0xC8 of the vendor document.
/// </summary>
public sealed class Eg4LlTemperatureSensorTests
{
    private static readonly string[] Unpopulated = ["temperature_sensor_5", "temperature_sensor_6"];

    private static byte[] RealReply => FrameVectors.Get("eg4ll-wombatt-info").Bytes;

    private static ushort[] RealRegisters => ModbusFrame.Parse(RealReply).Value.GetRegisters();

    private static Eg4LlStatus RealStatus => Eg4LlReplies.Status(ModbusFrame.Parse(RealReply).Value).Value;

    [Fact]
    public void The_real_reply_has_four_sensors_and_its_two_unpopulated_inputs_are_not_fields()
    {
        var fields = Eg4LlReadings.ToFields(RealStatus).ToDictionary(f => f.Spec.Key);

        Enumerable.Range(1, 4).Select(i => fields[$"temperature_sensor_{i}"].Number).Should().OnlyContain(t => t == 24);
        fields.Should().NotContainKeys(Unpopulated);
    }

    [Fact]
    public void Streams_decode_of_the_real_reply_shows_four_sensors()
    {
        using var json = JsonDocument.Parse(FrameDecoding.DecodeToJson("eg4-ll", FrameVectors.Get("eg4ll-wombatt-info").Hex).Value);
        var fields = json.RootElement.GetProperty("fields");

        fields.GetProperty("temperature_sensor_4").GetDouble().Should().Be(24);
        fields.TryGetProperty("temperature_sensor_5", out _).Should().BeFalse();
        fields.TryGetProperty("temperature_sensor_6", out _).Should().BeFalse();
    }

    [Fact]
    public void A_polled_pack_answering_the_real_reply_never_publishes_or_announces_the_unpopulated_inputs()
    {
        using var run = new PollRun();
        run.Port.Respond = request => request[3] == 0
            ? [new ScriptedReply(TimeSpan.FromMilliseconds(40), RealReply)]
            : [new ScriptedReply(TimeSpan.FromMilliseconds(30), ModbusResponses.Registers(2, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)))];
        var source = new Eg4ModbusSourceConfig("/dev/ttyFAKE0", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 39, TimeSpan.FromMilliseconds(5), null,
            [new PackConfig("pack1", 2)]);
        using var ha = new PublisherHarness(withLink: false);

        run.Start(run.Link().PollEg4Modbus(source, run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(35));
        foreach (var poll in run.Polls)
        {
            ha.Publisher.Publish(poll.Reading!);
        }

        run.Polls.Should().HaveCount(4).And.OnlyContain(p => p.Outcome.Succeeded);
        run.Polls.Should().OnlyContain(p => !p.Reading!.Fields.Any(f => Unpopulated.Contains(f.Spec.Key)));
        var messages = ha.Sink.Messages.Select(m => m.Payload).ToList();
        messages.Should().Contain(p => p.Contains("temperature_sensor_4", StringComparison.Ordinal), "the populated sensors are announced and published");
        messages.Should().NotContain(p => p.Contains("temperature_sensor_5", StringComparison.Ordinal) || p.Contains("temperature_sensor_6", StringComparison.Ordinal));
    }

    [Fact]
    public void An_eg4_modbus_source_accepts_temperature_sensors() =>
        Streams.Tests.Config.ConfigAssertions.Load(
            "sources:\n  - kind: eg4-modbus\n    port: /dev/ttyUSB0\n    temperature_sensors: 4\n    packs: [{name: p, address: 1}]\n")
            .Errors.Should().BeEmpty();

    [Fact]
    public void An_input_that_has_only_read_0_is_empty_and_one_that_has_moved_stays_a_sensor_even_at_0_degrees()
    {
        var sensors = new Eg4LlTemperatureSensors();

        Published(sensors, Ntc(24, 24, 24, 24, 0, 0)).Should().Equal(24, 24, 24, 24, null, null);
        Published(sensors, Ntc(24, 24, 24, 0, 0, 0)).Should().Equal(new double?[] { 24, 24, 24, 0, null, null }, "sensor 4 has read 24 °C: its 0 °C is real");
        Published(sensors, Ntc(23, 23, 23, 1, 3, 0)).Should().Equal(new double?[] { 23, 23, 23, 1, 3, null }, "input 5 moved: it is a sensor");
        Published(sensors, Ntc(22, 22, 22, 0, 0, 0)).Should().Equal(22, 22, 22, 0, 0, null);
        Published(sensors, Ntc(Absent, 22, 22, 0, 0, 0)).Should().Equal(new double?[] { null, 22, 22, 0, 0, null }, "0xC8 is no value on this reading");
        Published(sensors, Ntc(21, 22, 22, 0, 0, 0)).Should().Equal(new double?[] { 21, 22, 22, 0, 0, null }, "and sensor 1 is still one");
    }

    [Fact]
    public void A_pack_whose_inputs_all_read_0_shows_none_until_one_moves()
    {
        var sensors = new Eg4LlTemperatureSensors();

        Published(sensors, Ntc(0, 0, 0, 0, 0, 0)).Should().OnlyContain(t => t == null);
        Published(sensors, Ntc(0, 0, 0, 0, 0, 0)).Should().OnlyContain(t => t == null);
        Published(sensors, Ntc(0, -1, 0, 0, 0, 0)).Should().Equal(null, -1, null, null, null, null);
    }

    [Theory]
    [InlineData(4, new[] { true, true, true, true, false, false })]
    [InlineData(6, new[] { true, true, true, true, true, true })]
    [InlineData(0, new[] { false, false, false, false, false, false })]
    public void A_configured_count_fixes_the_sensors_from_the_first_reading(int configured, bool[] expected)
    {
        var sensors = new Eg4LlTemperatureSensors(configured);

        Published(sensors, Ntc(0, 0, 0, 0, 0, 0)).Select(t => t is not null).Should().Equal(expected);
        Published(sensors, Ntc(5, 5, 5, 5, 5, 5)).Select(t => t is not null).Should().Equal(expected, "inputs past the count never become sensors");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void A_configured_count_is_0_to_6(int configured) =>
        FluentActions.Invoking(() => new Eg4LlTemperatureSensors(configured)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void A_polled_pack_announces_a_sensor_when_it_first_moves_and_keeps_it()
    {
        // The real reply (input 5 at 0x00), but with input 5 at 3 °C on the third status read.
        using var run = new PollRun();
        var statusReads = 0;
        run.Port.Respond = request =>
        {
            if (request[3] != 0)
            {
                return [new ScriptedReply(TimeSpan.Zero, ModbusResponses.Registers(2, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)))];
            }

            var registers = RealRegisters;
            registers[35] = (ushort)(++statusReads == 3 ? 0x0300 : 0x0000);
            return [new ScriptedReply(TimeSpan.FromMilliseconds(40), ModbusResponses.Registers(2, registers))];
        };
        using var ha = new PublisherHarness(withLink: false);

        run.Start(run.Link().PollEg4Modbus(Source(temperatureSensors: null), run.Scheduler, run.Options));
        var announced = new List<bool>();
        for (var poll = 1; poll <= 4; poll++)
        {
            run.Advance(TimeSpan.FromSeconds(10));
            ha.Publisher.Publish(run.Polls[^1].Reading!);
            announced.Add(ha.Sink.Retained["homeassistant/device/streams_pack1/config"].Contains("temperature_sensor_5", StringComparison.Ordinal));
        }

        announced.Should().Equal(false, false, true, true);
        run.Polls.Select(p => p.Reading!.Fields.Where(f => f.Spec.Key == "temperature_sensor_5").Select(f => f.Number).SingleOrDefault()).Should().Equal(null, null, 3, 0);
        run.Polls.Should().OnlyContain(p => !p.Reading!.Fields.Any(f => f.Spec.Key == "temperature_sensor_6"));
    }

    [Fact]
    public void A_configured_count_publishes_the_inputs_it_names_even_at_0_degrees()
    {
        using var run = new PollRun();
        run.Port.Respond = request => request[3] == 0
            ? [new ScriptedReply(TimeSpan.FromMilliseconds(40), RealReply)]
            : [new ScriptedReply(TimeSpan.Zero, ModbusResponses.Registers(2, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)))];

        run.Start(run.Link().PollEg4Modbus(Source(temperatureSensors: 5), run.Scheduler, run.Options));
        run.Advance(TimeSpan.FromSeconds(1));

        var fields = run.Polls.Single().Reading!.Fields.ToDictionary(f => f.Spec.Key);
        fields["temperature_sensor_5"].Number.Should().Be(0);
        fields.Should().NotContainKey("temperature_sensor_6");
    }

    [Fact]
    public void The_sniffer_tells_each_slave_s_sensors_from_its_own_reads()
    {
        var moved = RealRegisters;
        moved[35] = 0x0300;
        var bus = new List<byte>();
        foreach (var (address, registers) in new[] { ((byte)2, RealRegisters), ((byte)3, moved), ((byte)2, RealRegisters), ((byte)3, RealRegisters) })
        {
            bus.AddRange(ModbusReadRequest.Create(address, 0, 39));
            bus.AddRange(ModbusResponses.Registers(address, registers));
        }

        var options = new SnifferOptions(new SnifferNaming(new Dictionary<byte, string>()), () => new Eg4LlSniffedRegisters(), Serilog.Core.Logger.None);
        var readings = Observed<Reading>.Of(Observable.Return<ReadOnlyMemory<byte>>(bus.ToArray()).SniffReadings(options, ImmediateScheduler.Instance)).Items;

        readings.Select(r => r.Fields.Where(f => f.Spec.Key == "temperature_sensor_5").Select(f => f.Number).SingleOrDefault()).Should().Equal(null, 3, null, 0);
    }

    private const sbyte Absent = -56;

    private static sbyte?[] Ntc(params int[] values) => [.. values.Select(v => (sbyte?)(v == Absent ? null : (sbyte)v))];

    private static IReadOnlyList<double?> Published(Eg4LlTemperatureSensors sensors, sbyte?[] reported) =>
        [.. sensors.Sensors(reported).Select(t => t is { } value ? (double?)value : null)];

    private static Eg4ModbusSourceConfig Source(int? temperatureSensors) =>
        new("/dev/ttyFAKE0", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 39, TimeSpan.FromMilliseconds(5), null, [new PackConfig("pack1", 2)])
        {
            TemperatureSensors = temperatureSensors,
        };
}

using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Core;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Config;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Polling;
using Streams.Tests.Support;
using Streams.Transports.Capture;
using Xunit;

namespace Streams.Tests.Devices.Modbus.Sniffing;

/// <summary>
/// A sniffed read of one register block updates what that block carries and never erases the rest:
/// the identity read (105–127) gives the device its model, firmware and serial and adds its raw
/// registers, and the state Home Assistant gets keeps the last status values.
/// </summary>
public sealed class SniffedBlocksTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_replayed_capture_of_our_own_poller_never_publishes_a_null_status_value()
    {
        var capture = CaptureOfOurPoller(polls: 3);
        using var ha = new PublisherHarness(withLink: false);
        var config = ConfigAssertions.ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/ttyFAKE0\n    packs: [{name: pack1, address: 1}]\n");

        var summary = await ReplayRun.RunAsync(
            ReplayFile.Open(capture), config, ha.Publisher, Serilog.Core.Logger.None, null, ImmediateScheduler.Instance, ImmediateScheduler.Instance, ha.Scheduler, CancellationToken.None);

        summary.Packs.Should().Equal("pack1");
        var states = ha.Sink.Messages.Where(m => m.Topic == "streams/pack1/state").Select(m => JsonNode.Parse(m.Payload)!.AsObject()).ToList();
        states.Should().HaveCount(4, "three status reads and one identity read were captured");
        var statusKeys = states[0].Select(p => p.Key).Where(k => k != "timestamp").ToList();
        statusKeys.Should().Contain(["pack_voltage", "state_of_charge", "cell_01_voltage", "temperature_sensor_1"]);
        foreach (var state in states)
        {
            statusKeys.Where(key => state[key] is null).Should().BeEmpty("no state may blank a status value: {0}", state.ToJsonString());
            state["pack_voltage"]!.GetValue<double>().Should().Be(53.12);
        }

        states[1]["register_105"].Should().NotBeNull("the identity read's raw registers are published too");
        states[^1]["register_105"].Should().NotBeNull("and kept");
        var discovery = JsonNode.Parse(ha.Sink.Retained["homeassistant/device/streams_pack1/config"])!;
        discovery["dev"]!["mdl"]!.GetValue<string>().Should().Be(SamplePacks.Identity.Model);
        discovery["dev"]!["sw"]!.GetValue<string>().Should().Be(SamplePacks.Identity.Firmware);
    }

    [Fact]
    public void Each_read_updates_what_it_carries_and_a_status_block_that_no_longer_decodes_takes_its_values_with_it()
    {
        var real = ModbusFrame.Parse(FrameVectors.Get("eg4ll-wombatt-info").Bytes).Value.GetRegisters();
        var masterMap = new ushort[39];
        masterMap[19] = 0x67;
        masterMap[21] = 99;
        var readings = Sniff(
            (0, real),
            (Eg4LlRegisterMap.IdentityStart, Eg4LlRegisterEncoder.EncodeIdentity(SamplePacks.Identity)),
            (50, [7, 8]),
            (0, real),
            (0, masterMap));

        var fields = readings.Select(r => r.Fields.ToDictionary(f => f.Spec.Key)).ToList();
        fields[1]["pack_voltage"].Number.Should().Be(53.66, "the identity read keeps the status");
        fields[1]["register_105"].Number.Should().Be(SamplePacks.Identity.Model[0] << 8 | SamplePacks.Identity.Model[1]);
        readings[1].Device.Model.Should().Be(SamplePacks.Identity.Model);
        fields[2]["pack_voltage"].Number.Should().Be(53.66, "so does a read of other registers");
        fields[2]["register_50"].Number.Should().Be(7);
        fields[3].Keys.Should().Contain(["pack_voltage", "register_105", "register_51"], "a status read keeps the raw registers of other reads");
        readings[4].Device.Model.Should().Be(Eg4LlDevice.Master("pack2").Model, "a status block that turned into the master map is the bank master's reading");
        fields[4].Should().NotContainKey("cell_01_voltage", "the slave's cells went with the slave status");
    }

    /// <summary>Reads of slave 2 (query + response each) through the whole sniffer.</summary>
    private static IReadOnlyList<Reading> Sniff(params (ushort Start, ushort[] Registers)[] reads)
    {
        var bus = reads.SelectMany(r => ModbusReadRequest.Create(2, r.Start, (ushort)r.Registers.Length).Concat(ModbusResponses.Registers(2, r.Registers))).ToArray();
        var options = new SnifferOptions(new SnifferNaming(new Dictionary<byte, string> { [2] = "pack2" }), SnifferKind.NewMap, Serilog.Core.Logger.None);
        var observed = Observed<Reading>.Of(Observable.Return<ReadOnlyMemory<byte>>(bus).SniffReadings(options, ImmediateScheduler.Instance));
        observed.Items.Should().HaveCount(reads.Length);
        return observed.Items;
    }

    /// <summary>Our EG4 poller on one pack, with <c>capture</c> set: a status read per poll, the identity read after the first.</summary>
    private string CaptureOfOurPoller(int polls)
    {
        var path = _dir.File("poller.bin");
        using (var run = new PollRun())
        {
            run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.FromMilliseconds(20)).Respond;
            var source = new Eg4ModbusSourceConfig("/dev/ttyFAKE0", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), Eg4LlRegisterMap.StatusCount,
                TimeSpan.FromMilliseconds(5), path, [new PackConfig("pack1", 1)]);
            run.Start(run.Link().PollEg4Modbus(source, run.Scheduler, run.Options));
            run.Advance(TimeSpan.FromSeconds(10 * (polls - 1)) + TimeSpan.FromSeconds(1));
            run.Polls.Should().HaveCount(polls).And.OnlyContain(p => p.Outcome.Succeeded);
        }

        return path;
    }
}

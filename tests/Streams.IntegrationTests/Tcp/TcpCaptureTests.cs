using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Framing;
using Streams.IntegrationTests.Serial;
using Streams.IntegrationTests.Simulation;
using Streams.Simulation;
using Streams.Transports.Capture;
using Xunit;

namespace Streams.IntegrationTests.Tcp;

/// <summary><c>--capture</c> over a transparent converter records the RTU bytes as on a serial port, and the capture replays through the sniffer to the same pack.</summary>
public sealed class TcpCaptureTests : IDisposable
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-tcp-capture-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_capture_over_tcp_replays_through_the_sniffer_to_the_same_readings()
    {
        var capture = Path.Combine(_directory, "bus.bin");
        using var host = SimulatorHost.Start(new SimulatorSourceConfig(SimulatedDevice.Eg4Ll, TimeSpan.FromSeconds(1), 39, 16, [new("a", 4)]), _clock);
        using var converter = await SocatConverter.OnDeviceAsync(host.PtyPath);
        IReadOnlyList<PackPoll> polled;
        using (var poller = new ConverterPoller(converter.Endpoint, ModbusFraming.Rtu, TimeSpan.FromMilliseconds(150), [new("a", 4)], capture))
        {
            await Bounded.Until(() => poller.Collector.Successes("a") >= 3, "three readings over TCP");
            polled = poller.Collector.Polls;
        }

        var counters = new SnifferCounters();
        var replayed = await ReplayFile.Open(capture).Read(ImmediateScheduler.Instance)
            .FrameModbusRtu(ModbusScanOptions.Sniffing, counters.Framing)
            .PairReads(counters)
            .DecodeSniffedReads(new SnifferNaming(new Dictionary<byte, string> { [4] = "a" }), Serilog.Core.Logger.None, _clock)
            .ToList()
            .ToTask()
            .Within();

        var statusReadings = replayed.Where(r => r.Device.Protocol != SnifferDevices.RawProtocol).ToList();
        statusReadings.Should().HaveCountGreaterThanOrEqualTo(polled.Count(p => p.Outcome.Succeeded));
        statusReadings.Should().OnlyContain(r => r.Device.Name == "a");
        statusReadings.Select(r => r.Fields).Should().AllSatisfy(fields => fields.Should().Equal(polled.First(p => p.Outcome.Succeeded).Reading!.Fields));
        statusReadings[^1].Device.Serial.Should().Be(polled[^1].Device.Serial, "the identity read was captured too");
        counters.Framing.DiscardedBytes.Should().Be(0, "queries and replies were recorded whole, in wire order");
    }

    [Fact]
    public async Task A_capture_through_a_modbus_tcp_gateway_holds_the_rtu_bus_traffic_and_replays_to_the_same_pack()
    {
        var capture = Path.Combine(_directory, "gateway.bin");
        using var gateway = await LibmodbusGateway.StartAsync();
        IReadOnlyList<PackPoll> polled;
        using (var poller = new ConverterPoller(gateway.Endpoint, ModbusFraming.Tcp(), TimeSpan.FromMilliseconds(150), [new("known", LibmodbusGateway.Unit)], capture))
        {
            await Bounded.Until(() => poller.Collector.Successes("known") >= 3, "three readings over Modbus TCP");
            polled = poller.Collector.Polls;
        }

        var bytes = File.ReadAllBytes(capture);
        bytes.AsSpan(0, 8).ToArray().Should().Equal(ModbusReadRequest.Create(LibmodbusGateway.Unit, 0, 39), "the first request, in RTU form with its CRC");
        var counters = new SnifferCounters();
        var replayed = await ReplayFile.Open(capture).Read(ImmediateScheduler.Instance)
            .FrameModbusRtu(ModbusScanOptions.Sniffing, counters.Framing)
            .PairReads(counters)
            .DecodeSniffedReads(new SnifferNaming(new Dictionary<byte, string> { [LibmodbusGateway.Unit] = "known" }), Serilog.Core.Logger.None, _clock)
            .Where(r => r.Device.Protocol != SnifferDevices.RawProtocol)
            .ToList()
            .ToTask()
            .Within();

        replayed.Should().HaveCountGreaterThanOrEqualTo(polled.Count(p => p.Outcome.Succeeded));
        replayed.Should().AllSatisfy(r => r.Fields.Should().Equal(polled.First(p => p.Outcome.Succeeded).Reading!.Fields));
        replayed[^1].Device.Serial.Should().Be(KnownPack.Identity.Serial);
        counters.Framing.DiscardedBytes.Should().Be(0, "nothing but RTU frames was recorded");
    }
}

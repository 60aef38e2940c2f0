using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.IntegrationTests.Polling;
using Streams.IntegrationTests.Serial;
using Streams.IntegrationTests.Simulation;
using Streams.IntegrationTests.Support;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;
using Xunit;
using Xunit.Abstractions;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// RTU over TCP: socat as a transparent converter in front of our simulator and of libmodbus's RTU
/// slave, polled by the product's EG4-LL poller on a <see cref="TcpLink"/>; restarts, silence and
/// drops mid-reply survived.
/// </summary>
public sealed class TransparentConverterTests(ITestOutputHelper output) : ConverterFixture
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(20);

    // socat killed: the kernel closes its socket, with a reset when it still held unread bytes.
    private static readonly string[] ClosedOrReset = ["closed by the converter", "reset by the converter (ECONNRESET)"];


    [Fact]
    public async Task The_simulator_behind_socat_is_polled_field_by_field()
    {
        var host = Keep(SimulatedSource.Start(new SimulatorSourceConfig(Eg4ModbusKind.Slave, Interval, 39, 16, [new("a", 1), new("b", 2)]), Clock));
        var converter = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var poller = Keep(new ConverterPoller(converter.Endpoint, ModbusProtocol.Rtu, Interval, [new("a", 1), new("b", 2)]));

        await Bounded.Until(() => poller.Collector.Successes("a") >= 2 && poller.Collector.Successes("b") >= 2, "two readings of each pack over TCP");

        foreach (var pack in host.Bus.Devices.Cast<SimulatedEg4LlPack>())
        {
            var name = pack.Address == 1 ? "a" : "b";
            var reading = poller.Collector.Polls.First(p => p.Device.Name == name && p.Outcome.Succeeded);
            var registers = pack.ReadRegisters()[..Eg4LlRegisterMap.StatusCount];
            reading.Reading!.Fields.Should().Equal(
                Eg4LlReadings.ToFields(Eg4LlDecoder.DecodeStatus(registers, 0, pack.Address).Value), $"pack {name} reads as the simulator holds it");
            reading.Device.Serial.Should().Be(pack.Identity.Serial);
            reading.Device.Firmware.Should().Be(pack.Identity.Firmware);
        }

        poller.Collector.Polls.Should().OnlyContain(p => p.Outcome.Succeeded);
        poller.Statuses.OfType<LinkStatus.Connected>().Single().Link.Path.Should().Be(converter.Endpoint.ToString());
    }

    [Fact]
    public async Task A_libmodbus_rtu_slave_behind_socat_is_polled_field_by_field()
    {
        var (_, slave) = await LibmodbusPrograms.GetAsync();
        var converter = Keep(await SocatConverter.WithOwnPtyAsync(Path.Combine(Directory, "ttyConverter")));
        var server = Keep(ChildProcess.Start(slave, [Path.Combine(Directory, "ttyConverter"), "7", .. KnownPack.Arguments()]));
        await server.WaitForLineAsync(l => l == "ready", ProgramTimeout, "the libmodbus slave to open the converter's serial side");
        var poller = Keep(new ConverterPoller(converter.Endpoint, ModbusProtocol.Rtu, Interval, [new("known", 7)]));

        await Bounded.Until(() => poller.Collector.Successes("known") >= 2 || poller.Collector.Polls.Count >= 6, "two readings from libmodbus over TCP");

        var reading = poller.Collector.Polls.First(p => p.Outcome.Succeeded);
        reading.Reading!.Fields.Should().Equal(Eg4LlReadings.ToFields(KnownPack.Status with { Registers = KnownPack.Table()[..39] }));
        reading.Device.Serial.Should().Be(KnownPack.Identity.Serial);
        reading.Device.Model.Should().Be(KnownPack.Identity.Model);
    }

    [Fact]
    public async Task A_converter_restart_is_reported_retried_with_backoff_and_polling_resumes()
    {
        var host = Keep(SimulatedSource.Start(new SimulatorSourceConfig(Eg4ModbusKind.Slave, Interval, 39, 16, [new("a", 1)]), Clock));
        var converter = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var poller = Keep(new ConverterPoller(converter.Endpoint, ModbusProtocol.Rtu, Interval, [new("a", 1)]));
        await Bounded.Until(() => poller.Collector.Successes("a") >= 2, "polling through the converter");

        converter.Dispose();
        await Bounded.Until(() => poller.Statuses.OfType<LinkStatus.RetryIn>().Count() >= 3, "three refused reconnects");
        converter = Keep(await converter.RestartAsync());
        await Bounded.Until(() => poller.Connections == 2, "the link connected again");
        var before = poller.Collector.Successes("a");
        await Bounded.Until(() => poller.Collector.Successes("a") >= before + 2, "polling resumed");

        var statuses = poller.Statuses;
        var lost = statuses.OfType<LinkStatus.Disconnected>().First().Reason.Should().BeOfType<TcpDisconnectedException>().Subject;
        lost.Reason.Should().BeOneOf(ClosedOrReset);
        lost.Message.Should().StartWith($"Connection to converter {converter.Endpoint} lost (");
        statuses.OfType<LinkStatus.Disconnected>().Skip(1).Should().OnlyContain(s => s.Reason is TcpConnectException)
            .And.Contain(s => s.Reason.Message == $"Converter {converter.Endpoint} refused the connection (ECONNREFUSED: nothing listens on port {converter.Port})");
        statuses.OfType<LinkStatus.RetryIn>().Take(3).Select(r => r.Delay.TotalMilliseconds).Should().Equal(100, 200, 400);
        poller.Collector.Polls.Where(p => !p.Outcome.Succeeded).Should().NotBeEmpty()
            .And.OnlyContain(p => p.Outcome.Category == $"PortDisconnected:{converter.Endpoint}");
        output.WriteLine(string.Join(Environment.NewLine, statuses));
    }

    [Fact]
    public async Task A_silent_converter_is_a_timeout_per_poll_while_another_converter_keeps_reading()
    {
        var deadBus = Keep(PseudoTerminal.Open());
        var heard = 0;
        Keep(deadBus.Master.Received.Subscribe(chunk => Interlocked.Add(ref heard, chunk.Length)));
        var silent = Keep(await SocatConverter.OnDeviceAsync(deadBus.DevicePath));
        var host = Keep(SimulatedSource.Start(new SimulatorSourceConfig(Eg4ModbusKind.Slave, Interval, 39, 16, [new("b", 2)]), Clock));
        var healthy = Keep(await SocatConverter.OnDeviceAsync(host.DevicePath));
        var timeout = TimeSpan.FromMilliseconds(400);
        var quiet = Keep(new ConverterPoller(silent.Endpoint, ModbusProtocol.Rtu, Interval, [new("a", 1)], timeout: timeout));
        var answering = Keep(new ConverterPoller(healthy.Endpoint, ModbusProtocol.Rtu, Interval, [new("b", 2)]));

        await Bounded.Until(() => quiet.Collector.Polls.Count >= 3, "three polls of the silent converter");
        var readingsMeanwhile = answering.Collector.Successes("b");
        await Task.Run(quiet.Dispose).Within();

        quiet.Collector.Polls.Should().OnlyContain(p => p.Outcome.Category!.StartsWith(nameof(TimeoutException), StringComparison.Ordinal));
        quiet.Counters.Timeouts.Should().BeGreaterThanOrEqualTo(3);
        quiet.Statuses.Should().ContainSingle().Which.Should().BeOfType<LinkStatus.Connected>("a silent converter is still connected");
        Volatile.Read(ref heard).Should().BeGreaterThanOrEqualTo(3 * 8, "every request reached the dead bus");
        readingsMeanwhile.Should().BeGreaterThanOrEqualTo(3, "a silent converter holds up nothing else");
    }

    [Theory]
    [InlineData("rtu")]
    [InlineData("modbus-tcp")]
    public async Task A_connection_dropped_mid_reply_leaves_no_half_frame_for_the_next_request(string framing)
    {
        var responder = Keep(framing == "rtu" ? PtyResponder.Eg4Packs(null, 3) : PtyResponder.Eg4PacksModbusTcp(null, 3));
        var converter = Keep(await SocatConverter.OnDeviceAsync(responder.DevicePath));
        var poller = Keep(new ConverterPoller(
            converter.Endpoint, framing == "rtu" ? ModbusProtocol.Rtu : ModbusProtocol.ModbusTcp, Interval, [new("c", 3)], timeout: TimeSpan.FromSeconds(3)));
        await Bounded.Until(() => poller.Collector.Successes("c") >= 2, "polling through the converter");
        var before = poller.Collector.Polls.First(p => p.Outcome.Succeeded).Reading!.Fields;

        responder.CutNextReply();
        var half = await responder.Cut.Within();
        await Bounded.Until(() => poller.HeardSoFar().AsSpan().EndsWith(half), "the half reply to reach our side");
        var pollsBeforeDrop = poller.Collector.Polls.Count;
        converter.Dispose();
        await Bounded.Until(() => poller.Statuses.OfType<LinkStatus.RetryIn>().Any(), "the drop noticed");
        converter = Keep(await converter.RestartAsync());
        await Bounded.Until(() => poller.Collector.Polls.Skip(pollsBeforeDrop).Count(p => p.Outcome.Succeeded) >= 2, "two readings after the reconnect");

        var after = poller.Collector.Polls.Skip(pollsBeforeDrop).ToList();
        after[0].Outcome.Detail.Should().BeOneOf(ClosedOrReset.Select(reason => $"port {converter.Endpoint} disconnected: Connection to converter {converter.Endpoint} lost ({reason})"));
        after.SkipWhile(p => !p.Outcome.Succeeded).Should().OnlyContain(p => p.Outcome.Succeeded,
            "the first request on the new connection is answered: nothing of the cut reply is left in front of its reply");
        after.First(p => p.Outcome.Succeeded).Reading!.Fields.Should().Equal(before);
        after.Where(p => !p.Outcome.Succeeded).Should().OnlyContain(p => p.Outcome.Category == $"PortDisconnected:{converter.Endpoint}");
    }
}

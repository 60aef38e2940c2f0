using System.Globalization;
using FluentAssertions;
using Streams.Devices.Eg4Ll;
using Streams.Config.Model;
using Streams.IntegrationTests.Polling;
using Streams.IntegrationTests.Serial;
using Streams.IntegrationTests.Simulation;
using Streams.IntegrationTests.Support;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;
using Xunit;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// Modbus TCP against libmodbus's own server (<c>modbus_new_tcp</c> + <c>modbus_tcp_listen</c>,
/// mbtcpslave.c) as the gateway: the product's poller reads it over MBAP field by field, tells its
/// exceptions, and comes back after a gateway restart; and libmodbus's client checks the Modbus TCP
/// responder the other tests use.
/// </summary>
public sealed class ModbusTcpGatewayTests : ConverterFixture
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(20);


    [Fact]
    public async Task The_poller_reads_a_libmodbus_gateway_over_mbap_field_by_field_and_an_absent_unit_is_a_device_error()
    {
        var gateway = Keep(await LibmodbusGateway.StartAsync());
        var poller = Keep(new ConverterPoller(gateway.Endpoint, ModbusProtocol.ModbusTcp, Interval, [new("known", LibmodbusGateway.Unit), new("absent", 8)]));

        await Bounded.Until(() => poller.Collector.Successes("known") >= 3, "three readings over Modbus TCP");

        var reading = poller.Collector.Polls.First(p => p.Device.Name == "known" && p.Outcome.Succeeded);
        reading.Reading!.Fields.Should().Equal(Eg4LlReadings.ToFields(KnownPack.Status with { Registers = KnownPack.Table()[..39] }));
        reading.Device.Serial.Should().Be(KnownPack.Identity.Serial);
        reading.Device.Firmware.Should().Be(KnownPack.Identity.Firmware);
        var absent = poller.Collector.Polls.Where(p => p.Device.Name == "absent").ToList();
        absent.Should().NotBeEmpty().And.OnlyContain(p => p.Outcome.Category == "DeviceError");
        absent[0].Outcome.Detail.Should().Be("pack 0x08 answered with Modbus exception 11 (gateway target device failed to respond)");
        poller.Collector.Polls.Where(p => p.Device.Name == "known").Should().OnlyContain(p => p.Outcome.Succeeded, "every request was matched to its reply by transaction id");
        poller.Counters.Foreign.Should().Be(0);
    }

    [Fact]
    public async Task A_gateway_restart_is_survived_and_polling_resumes()
    {
        var gateway = Keep(await LibmodbusGateway.StartAsync());
        var poller = Keep(new ConverterPoller(gateway.Endpoint, ModbusProtocol.ModbusTcp, Interval, [new("known", LibmodbusGateway.Unit)]));
        await Bounded.Until(() => poller.Collector.Successes("known") >= 2, "polling the gateway");

        gateway.Dispose();
        await Bounded.Until(() => poller.Statuses.OfType<LinkStatus.RetryIn>().Count() >= 2, "refused reconnects");
        Keep(await LibmodbusGateway.StartAsync(gateway.Port));
        await Bounded.Until(() => poller.Connections == 2, "connected again");
        var before = poller.Collector.Successes("known");
        await Bounded.Until(() => poller.Collector.Successes("known") >= before + 2, "polling resumed");

        poller.Statuses.OfType<LinkStatus.Disconnected>().Skip(1).Should().Contain(s => s.Reason is TcpConnectException);
    }

    [Fact]
    public async Task Libmodbus_reads_the_modbus_tcp_pty_responder_through_socat()
    {
        var (master, _) = await LibmodbusPrograms.GetTcpAsync();
        using var responder = PtyResponder.Eg4PacksModbusTcp(null, 3);
        using var converter = await SocatConverter.OnDeviceAsync(responder.DevicePath);

        var (exitCode, output, error) = await ChildProcess.RunAsync(master, [$"tcp:{converter.Port}", "3", "0", "39"], ProgramTimeout);

        exitCode.Should().Be(0, $"{output} {error}");
        var registers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => ushort.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        registers.Should().Equal(Eg4LlRegisterEncoder.EncodeStatus(PtyResponder.Status(3), 39));
    }
}

using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.IntegrationTests.Serial;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Simulation;

/// <summary>
/// The simulator over real pseudo-terminals: the product's serial port (TermiosSerialPort) opens the
/// simulator's device path and talks to it exactly as to a USB adapter.
/// </summary>
public sealed class SimulatorHostTests
{
    private static SimulatorSourceConfig Simulator(string device, int cells, params PackConfig[] packs) =>
        new(device, TimeSpan.FromSeconds(10), 39, cells, packs);

    [Fact]
    public async Task Two_eg4_packs_sharing_a_simulated_bus_answer_status_and_identity()
    {
        using var host = SimulatedSource.Start(Simulator("eg4-ll", 16, new PackConfig("a", 1), new PackConfig("b", 2)), Scheduler.Default);
        using var port = TermiosSerialPort.Open(host.SerialSettings);

        foreach (byte address in new byte[] { 1, 2 })
        {
            var status = Eg4LlFrames.DecodeStatus((await port.ReadRegistersAsync(address, 0, 39)).Bytes.Span).Value;
            var identity = Eg4LlFrames.DecodeIdentity((await port.ReadRegistersAsync(address, 105, 23)).Bytes.Span).Value;

            status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
            status.PackVoltage.Should().BeApproximately(status.CellMillivolts.Sum(mv => mv) / 1000.0, 0.0051);
            status.FullCapacityAh.Should().Be(100);
            identity.Serial.Should().StartWith($"SIM{address:D3}");
        }

        // The bus counts a reply once its write returned, which may be just after we read it.
        await Bounded.Until(() => host.Bus.Answered == 4, "the bus to count its four replies");
        host.Bus.Answered.Should().Be(4);
        host.SerialSource.Should().BeOfType<Eg4ModbusSourceConfig>().Which.Port.Should().Be(host.DevicePath);
    }

    [Fact]
    public async Task A_read_past_register_127_gets_exception_02_and_a_foreign_address_gets_silence()
    {
        using var host = SimulatedSource.Start(Simulator("eg4-ll", 16, new PackConfig("a", 1)), Scheduler.Default);
        using var port = TermiosSerialPort.Open(host.SerialSettings);

        var exception = await port.ReadRegistersAsync(1, 100, 40);
        port.Write(ModbusReadRequest.Create(9, 0, 39));
        await Bounded.Until(() => host.Bus.Unanswered == 1, "the request for address 9 to be ignored");
        var afterwards = await port.ReadRegistersAsync(1, 0, 39);

        exception.Kind.Should().Be(ModbusFrameKind.Exception);
        exception.ExceptionCode.Should().Be(0x02);
        afterwards.Kind.Should().Be(ModbusFrameKind.Response, "the line carried nothing for address 9");
    }

    [Fact]
    public async Task A_master_map_pack_is_recognised_over_the_pty()
    {
        using var host = SimulatedSource.Start(Simulator("eg4-ll-master", 16, new PackConfig("bank", 16)), Scheduler.Default);
        using var port = TermiosSerialPort.Open(host.SerialSettings);

        var status = Eg4LlFrames.DecodeStatus((await port.ReadRegistersAsync(16, 0, 39)).Bytes.Span);
        var cells = (await port.ReadRegistersAsync(16, 113, 16)).GetRegisters();

        status.Error!.Kind.Should().Be(DecodeErrorKind.MasterMap);
        cells.Should().OnlyContain(mv => mv >= 3270 && mv <= 3360);
    }

    [Fact]
    public async Task A_7E_pack_answers_general_status_and_firmware()
    {
        using var host = SimulatedSource.Start(Simulator("eg4-7e", 16, new PackConfig("legacy", 1)), Scheduler.Default);
        using var port = TermiosSerialPort.Open(host.SerialSettings);

        var reply = await port.AskAsync(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.GeneralStatus), port.Received.FrameEg4Legacy());
        var status = Eg4LegacyDecoder.DecodeStatus(reply.Bytes.Span).Value;
        using var bytes = new ByteCollector(port);
        port.Write(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.FirmwareVersion));
        var firmware = await bytes.WaitForAsync(6 + SimulatedEg47EPack.FirmwareText.Length).Within();

        status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
        status.FullCapacityAh.Should().Be(100);
        Eg4LegacyDecoder.DecodeText(firmware, Eg4LegacyCommand.FirmwareVersion).Value.Text.Should().Be(SimulatedEg47EPack.FirmwareText);
    }

    [Fact]
    public async Task A_JBD_answers_reads_and_switches_its_mosfets()
    {
        using var host = SimulatedSource.Start(Simulator("jbd", 4, new PackConfig("jbd", 1)), Scheduler.Default);
        using var port = TermiosSerialPort.Open(host.SerialSettings);
        var frames = port.Received.FrameJbd();

        var before = JbdDecoder.DecodeBasicInfo((await port.AskAsync(JbdCommands.ReadBasicInfo(), frames)).Bytes.Span).Value;
        var cells = JbdDecoder.DecodeCellVoltages((await port.AskAsync(JbdCommands.ReadCellVoltages(), frames)).Bytes.Span).Value;
        var ack = await port.AskAsync(JbdCommands.SetMosfets(chargeOn: false, dischargeOn: true), frames);
        var after = JbdDecoder.DecodeBasicInfo((await port.AskAsync(JbdCommands.ReadBasicInfo(), frames)).Bytes.Span).Value;

        before.CellCount.Should().Be(4);
        cells.Millivolts.Should().HaveCount(4);
        (before.ChargeMosfetOn, before.DischargeMosfetOn).Should().Be((true, true));
        ack.Bytes.ToArray().Should().Equal(0xDD, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x77);
        (after.ChargeMosfetOn, after.DischargeMosfetOn).Should().Be((false, true));
    }

    [Fact]
    public async Task A_link_path_reaches_the_simulator_and_disposal_hangs_up_and_removes_it()
    {
        var directory = Directory.CreateTempSubdirectory("streams-sim-");
        try
        {
            var linkPath = Path.Combine(directory.FullName, "ttySIM0");
            var host = SimulatedSource.Start(Simulator("eg4-ll", 8, new PackConfig("a", 1)), Scheduler.Default, linkPath);
            using var port = TermiosSerialPort.Open(linkPath);
            var status = Eg4LlFrames.DecodeStatus((await port.ReadRegistersAsync(1, 0, 39)).Bytes.Span).Value;
            var ended = port.Received.Materialize().LastAsync().ToTask();

            host.Dispose();

            status.CellMillivolts.Should().HaveCount(8);
            host.DevicePath.Should().Be(linkPath);
            (await ended.Within()).Exception.Should().BeOfType<SerialDisconnectedException>();
            File.Exists(linkPath).Should().BeFalse();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_reply_delay_holds_the_reply_back()
    {
        var delay = TimeSpan.FromMilliseconds(150);
        using var host = SimulatedSource.Start(Simulator("eg4-ll", 16, new PackConfig("a", 1)), Scheduler.Default, replyDelay: delay);
        using var port = TermiosSerialPort.Open(host.SerialSettings);

        var watch = Stopwatch.StartNew();
        await port.ReadRegistersAsync(1, 0, 39);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(delay - TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void A_jbd_simulator_with_several_packs_is_refused()
    {
        var start = () => SimulatedSource.Start(Simulator("jbd", 4, new PackConfig("a", 1), new PackConfig("b", 2)), Scheduler.Default);

        start.Should().Throw<ArgumentException>().WithMessage("*exactly one pack*");
    }
}

using System.Globalization;
using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.IntegrationTests.Support;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Simulation;

/// <summary>
/// libmodbus 3.1 (Debian's libmodbus-dev) as the independent Modbus RTU implementation, both ways:
/// its master reads our simulator, and our request builder, framer and decoder read its slave.
/// </summary>
public sealed class LibmodbusTests
{
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(20);

    // A frozen clock: the registers libmodbus reads are exactly the ones the pack holds afterwards.
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_libmodbus_master_reads_39_registers_from_the_simulator()
    {
        var (master, _) = await LibmodbusPrograms.GetAsync();
        using var host = SimulatedSource.Start(new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(10), 39, 16, [new("a", 0x40)]), _clock);
        var pack = (SimulatedEg4LlPack)host.Bus.Devices[0];

        var (exitCode, output, error) = await ChildProcess.RunAsync(master, [host.DevicePath, "64", "0", "39"], ProgramTimeout);

        exitCode.Should().Be(0, $"{output} {error}");
        var registers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => ushort.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        registers.Should().Equal(pack.ReadRegisters().Take(39));
        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 0x40).Value;
        status.CellMillivolts.Should().HaveCount(16).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
        status.FullCapacityAh.Should().Be(100);
    }

    [Fact]
    public async Task A_libmodbus_master_reads_the_identity_and_gets_illegal_data_address_past_127()
    {
        var (master, _) = await LibmodbusPrograms.GetAsync();
        using var host = SimulatedSource.Start(new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(10), 39, 16, [new("a", 1)]), _clock);

        var identity = await ChildProcess.RunAsync(master, [host.DevicePath, "1", "105", "23"], ProgramTimeout);
        var pastEnd = await ChildProcess.RunAsync(master, [host.DevicePath, "1", "100", "40"], ProgramTimeout);

        identity.ExitCode.Should().Be(0, identity.Output);
        var registers = identity.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => ushort.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Eg4LlDecoder.DecodeIdentity(registers, 105).Value.Should().Be(((SimulatedEg4LlPack)host.Bus.Devices[0]).Identity);
        pastEnd.ExitCode.Should().Be(1);
        pastEnd.Output.Should().Contain("Illegal data address");
    }

    [Fact]
    public async Task Our_poller_code_reads_a_libmodbus_slave_field_by_field()
    {
        var (_, slave) = await LibmodbusPrograms.GetAsync();
        var known = new Eg4LlStatus(
            PackVoltage: 53.12,
            Current: -12.34,
            CellMillivolts: [3318, 3320, 3321, 3319, 3322, 3317, 3320, 3320, 3321, 3318, 3319, 3322, 3320, 3316, 3323, 3320],
            ReportedCellCount: 16,
            PcbTemperature: 27,
            MaxTemperature: 26,
            AverageTemperature: 24,
            RemainingCapacity: 87,
            MaxChargeCurrent: 50,
            StateOfHealth: 99,
            StateOfCharge: 87,
            StatusWord: 0x8002,
            WarningBits: 0x1000,
            ProtectionBits: 0,
            ErrorBits: 0x0010,
            Cycles: 70_123,
            FullCapacityMilliampSeconds: 0x15752A00,
            SensorTemperatures: [23, 24, 25, -3, null, null],
            DesignedCapacityTenthsAh: 1000,
            BalancingBits: 0x0105,
            Registers: []);
        var table = new ushort[128];
        Eg4LlRegisterEncoder.EncodeStatus(known, 47).CopyTo(table, 0);
        var identity = new Eg4LlIdentity("LFP-51.2V100Ah-V1.0", "Z02T04", "2023071234567890");
        Eg4LlRegisterEncoder.EncodeIdentity(identity).CopyTo(table, 105);

        using var pty = PseudoTerminal.Open();
        using var server = ChildProcess.Start(slave, [pty.DevicePath, "7", .. table.Select(r => r.ToString(CultureInfo.InvariantCulture))]);
        await server.WaitForLineAsync(l => l == "ready", ProgramTimeout, "the libmodbus slave to connect");

        var statusFrame = await pty.Master.ReadRegistersAsync(7, 0, 39);
        var identityFrame = await pty.Master.ReadRegistersAsync(7, 105, 23);
        var exception = await pty.Master.ReadRegistersAsync(7, 120, 9);

        Eg4LlFrames.DecodeStatus(statusFrame.Bytes.Span).Value.Should().BeEquivalentTo(
            known with { Registers = table[..39] }, o => o.WithStrictOrdering());
        Eg4LlFrames.DecodeIdentity(identityFrame.Bytes.Span).Value.Should().Be(identity);
        exception.ExceptionCode.Should().Be(0x02, "libmodbus answers a read past its table with illegal data address");
    }
}

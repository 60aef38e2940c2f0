using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Ll;

public class Eg4LlRoundTripProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200);

    [Fact]
    public void Registers_encoded_from_a_plausible_state_decode_to_that_state()
    {
        var cases = PlausibleState().SelectMany(
            status => Gen.Elements(Eg4LlRegisterMap.StatusCount, Eg4LlRegisterMap.SeedStatusCount, 60),
            (status, count) => (status, count));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var registers = Eg4LlRegisterEncoder.EncodeStatus(c.status, c.count);
            var frame = ModbusResponses.Registers(0x40, registers);

            var decoded = Eg4LlFrames.DecodeStatus(frame).Value;

            decoded.Should().BeEquivalentTo(c.status with { Registers = registers }, o => o.WithStrictOrdering());
        }));
    }

    [Fact]
    public void Decoding_then_encoding_reproduces_the_status_registers()
    {
        Check.One(Runs, Prop.ForAll(PlausibleState().ToArbitrary(), status =>
        {
            var registers = Eg4LlRegisterEncoder.EncodeStatus(status);

            var decoded = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

            Eg4LlRegisterEncoder.EncodeStatus(decoded).Should().Equal(registers);
        }));
    }

    /// <summary>A slave-map state: 3..16 cells of 2.5..3.65 V, so registers 0..18 never look like the master map.</summary>
    internal static Gen<Eg4LlStatus> PlausibleState() =>
        from cellCount in Gen.Choose(3, 16)
        from cells in Gen.ArrayOf(Gen.Choose(2500, 3650).Select(mv => (ushort)mv), cellCount)
        from current in Gen.Choose(-20000, 20000)
        from packVoltage in Gen.Choose(0, 6000)
        from temperatures in Gen.ArrayOf(Gen.Choose(-40, 90).Select(t => (short)t), 3)
        from sensors in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant<sbyte?>(null)), (5, Gen.Choose(-55, 127).Select(t => (sbyte?)t))), 6)
        from small in Gen.ArrayOf(Gen.Choose(0, 100).Select(v => (ushort)v), 4)
        from status in Gen.Elements(0, 1, 2, 4, 8).SelectMany(s => Gen.Elements(0, 0x8000), (s, heater) => (ushort)(s | heater))
        from bits in Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(v => (ushort)v), 4)
        from cycles in UInt32()
        from capacity in UInt32()
        from designed in Gen.Choose(0, 0xFFFF).Select(v => (ushort)v)
        select new Eg4LlStatus(
            PackVoltage: packVoltage / 100.0,
            Current: current / 100.0,
            CellMillivolts: cells,
            ReportedCellCount: cellCount,
            PcbTemperature: temperatures[0],
            MaxTemperature: temperatures[1],
            AverageTemperature: temperatures[2],
            RemainingCapacity: small[0],
            MaxChargeCurrent: small[1],
            StateOfHealth: small[2],
            StateOfCharge: small[3],
            StatusWord: status,
            WarningBits: bits[0],
            ProtectionBits: bits[1],
            ErrorBits: bits[2],
            Cycles: cycles,
            FullCapacityMilliampSeconds: capacity,
            SensorTemperatures: sensors,
            DesignedCapacityTenthsAh: designed,
            BalancingBits: bits[3],
            Registers: []);

    private static Gen<uint> UInt32() =>
        from high in Gen.Choose(0, 0xFFFF)
        from low in Gen.Choose(0, 0xFFFF)
        select ((uint)high << 16) | (uint)low;
}

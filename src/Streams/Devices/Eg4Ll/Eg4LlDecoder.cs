using Streams.Core;
using static Streams.Devices.Eg4Ll.Eg4LlRegisterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Decodes EG4-LL / LifePower4 v2 register blocks (docs/protocols.md §2). Input is the register
/// values of one read and the register the read started at; the Modbus framing is someone
/// else's job (see <see cref="Eg4LlReplies"/> for whole reply frames).
/// </summary>
internal static class Eg4LlDecoder
{
    /// <summary>
    /// Decodes a read of at least 39 registers from register 0. Registers past 38 are kept only in
    /// <see cref="Eg4LlStatus.Registers"/>. A pack whose registers 0..18 hold at most two non-zero
    /// values answers with the master map: that is a <see cref="DecodeErrorKind.MasterMap"/>
    /// failure, never a reading of zero-volt cells.
    /// </summary>
    /// <param name="registers">The register values, first one = <paramref name="startRegister"/>.</param>
    /// <param name="startRegister">Where the read started; must be 0.</param>
    /// <param name="address">The pack's Modbus address, for messages.</param>
    public static DecodeResult<Eg4LlStatus> DecodeStatus(ReadOnlySpan<ushort> registers, int startRegister, byte address)
    {
        if (startRegister != 0)
        {
            return new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"EG4-LL status must be read from register 0, this read starts at {startRegister}");
        }

        if (registers.Length < StatusCount)
        {
            return new DecodeError(
                DecodeErrorKind.Truncated,
                $"EG4-LL status needs {StatusCount} registers from 0, got {registers.Length}");
        }

        if (IsMasterMap(registers))
        {
            return new DecodeError(
                DecodeErrorKind.MasterMap,
                $"pack at address {address} answers with the master map (registers 0-18 (nearly) all zero), which holds no cell data: "
                + "poll the slave packs at their own addresses instead, or listen to the master's own polling with a 'sniffer' source");
        }

        var cellCount = Math.Min((int)registers[CellCount], MaxCells);
        return new Eg4LlStatus(
            PackVoltage: registers[PackVoltage] / 100.0,
            Current: (short)registers[Current] / 100.0,
            CellMillivolts: registers.Slice(FirstCell, cellCount).ToArray(),
            ReportedCellCount: registers[CellCount],
            PcbTemperature: (short)registers[PcbTemperature],
            MaxTemperature: (short)registers[MaxTemperature],
            AverageTemperature: (short)registers[AverageTemperature],
            RemainingCapacity: registers[RemainingCapacity],
            MaxChargeCurrent: registers[MaxChargeCurrent],
            StateOfHealth: registers[StateOfHealth],
            StateOfCharge: registers[StateOfCharge],
            StatusWord: registers[Status],
            WarningBits: registers[Warnings],
            ProtectionBits: registers[Protections],
            ErrorBits: registers[Errors],
            Cycles: ReadUInt32(registers, CyclesHigh),
            FullCapacityMilliampSeconds: ReadUInt32(registers, FullCapacityHigh),
            SensorTemperatures: ReadSensors(registers),
            DesignedCapacityTenthsAh: registers[DesignedCapacity],
            BalancingBits: registers[Balancing],
            Registers: registers.ToArray());
    }

    /// <summary>Decodes model, firmware and serial from a read that covers registers 105..127.</summary>
    public static DecodeResult<Eg4LlIdentity> DecodeIdentity(ReadOnlySpan<ushort> registers, int startRegister)
    {
        var end = startRegister + registers.Length;
        if (startRegister > IdentityStart || end < IdentityStart + IdentityCount)
        {
            return new DecodeError(
                DecodeErrorKind.Truncated,
                $"EG4-LL identity needs registers {IdentityStart}-{IdentityStart + IdentityCount - 1}, this read holds {startRegister}-{end - 1}");
        }

        return new Eg4LlIdentity(
            Model: AsciiText.FromRegisters(registers.Slice(Model - startRegister, ModelRegisters)),
            Firmware: AsciiText.FromRegisters(registers.Slice(Firmware - startRegister, FirmwareRegisters)),
            Serial: AsciiText.FromRegisters(registers.Slice(Serial - startRegister, SerialRegisters)));
    }

    /// <summary>True when registers 0..18 hold at most two non-zero values (docs/protocols.md §2).</summary>
    public static bool IsMasterMap(ReadOnlySpan<ushort> registersFromZero)
    {
        var probe = registersFromZero[..Math.Min(registersFromZero.Length, MasterMapProbeEnd + 1)];
        var nonZero = 0;
        foreach (var value in probe)
        {
            if (value != 0)
            {
                nonZero++;
            }
        }

        return nonZero <= MasterMapMaxNonZero;
    }

    private static uint ReadUInt32(ReadOnlySpan<ushort> registers, int high) =>
        ((uint)registers[high] << 16) | registers[high + 1];

    private static sbyte?[] ReadSensors(ReadOnlySpan<ushort> registers)
    {
        var sensors = new sbyte?[SensorCount];
        for (var i = 0; i < SensorCount; i++)
        {
            var pair = registers[FirstSensorPair + (i / 2)];
            var value = (sbyte)(i % 2 == 0 ? pair >> 8 : pair & 0xFF);
            sensors[i] = value == AbsentSensor ? null : value;
        }

        return sensors;
    }
}

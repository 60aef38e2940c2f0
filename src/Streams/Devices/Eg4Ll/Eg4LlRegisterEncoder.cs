using static Streams.Devices.Eg4Ll.Eg4LlRegisterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// The inverse of <see cref="Eg4LlDecoder"/>: the registers a pack in a given state answers with.
/// Used by simulated packs and by round-trip tests.
/// </summary>
internal static class Eg4LlRegisterEncoder
{
    /// <summary>
    /// Registers 0..count-1 for <paramref name="status"/>; <paramref name="count"/> ≥ 39 (39..46 read as zero).
    /// <see cref="Eg4LlStatus.Registers"/> is ignored. Cells past <see cref="Eg4LlStatus.CellMillivolts"/> read as zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count below 39, or more than 16 cells or 6 sensors.</exception>
    public static ushort[] EncodeStatus(Eg4LlStatus status, int count = StatusCount)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, StatusCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status.CellMillivolts.Count, MaxCells);
        ArgumentOutOfRangeException.ThrowIfNotEqual(status.SensorTemperatures.Count, SensorCount);

        var registers = new ushort[count];
        registers[PackVoltage] = (ushort)Math.Round(status.PackVoltage * 100);
        registers[Current] = (ushort)(short)Math.Round(status.Current * 100);
        for (var i = 0; i < status.CellMillivolts.Count; i++)
        {
            registers[FirstCell + i] = status.CellMillivolts[i];
        }

        registers[PcbTemperature] = (ushort)status.PcbTemperature;
        registers[MaxTemperature] = (ushort)status.MaxTemperature;
        registers[AverageTemperature] = (ushort)status.AverageTemperature;
        registers[RemainingCapacity] = status.RemainingCapacity;
        registers[MaxChargeCurrent] = status.MaxChargeCurrent;
        registers[StateOfHealth] = status.StateOfHealth;
        registers[StateOfCharge] = status.StateOfCharge;
        registers[Status] = status.StatusWord;
        registers[Warnings] = status.WarningBits;
        registers[Protections] = status.ProtectionBits;
        registers[Errors] = status.ErrorBits;
        WriteUInt32(registers, CyclesHigh, status.Cycles);
        WriteUInt32(registers, FullCapacityHigh, status.FullCapacityMilliampSeconds);
        for (var i = 0; i < SensorCount; i++)
        {
            var value = (byte)(status.SensorTemperatures[i] ?? AbsentSensor);
            var shift = i % 2 == 0 ? 8 : 0;
            registers[FirstSensorPair + (i / 2)] |= (ushort)(value << shift);
        }

        registers[CellCount] = (ushort)status.ReportedCellCount;
        registers[DesignedCapacity] = status.DesignedCapacityTenthsAh;
        registers[Balancing] = status.BalancingBits;
        return registers;
    }

    /// <summary>Registers 105..127 (ASCII, two characters a register, NUL padded; longer text is cut).</summary>
    public static ushort[] EncodeIdentity(Eg4LlIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var registers = new ushort[IdentityCount];
        WriteAscii(registers.AsSpan(Model - IdentityStart, ModelRegisters), identity.Model);
        WriteAscii(registers.AsSpan(Firmware - IdentityStart, FirmwareRegisters), identity.Firmware);
        WriteAscii(registers.AsSpan(Serial - IdentityStart, SerialRegisters), identity.Serial);
        return registers;
    }

    private static void WriteUInt32(ushort[] registers, int high, uint value)
    {
        registers[high] = (ushort)(value >> 16);
        registers[high + 1] = (ushort)value;
    }

    private static void WriteAscii(Span<ushort> registers, string text)
    {
        for (var i = 0; i < registers.Length * 2 && i < text.Length; i++)
        {
            var b = (byte)(text[i] & 0x7F);
            registers[i / 2] |= (ushort)(i % 2 == 0 ? b << 8 : b);
        }
    }
}

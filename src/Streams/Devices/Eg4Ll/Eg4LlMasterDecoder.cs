using Streams.Core;
using static Streams.Devices.Eg4Ll.Eg4LlMasterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Decodes the registers a master pack answered (<see cref="Eg4LlMasterMap"/>) from any set of reads:
/// the bridge's status read from 0 plus its reads of 19..41 and 113..128, or the inverter's read of
/// 19..34 a sniffer hears. Each value comes from the register that holds it, when some read covered it.
/// </summary>
internal static class Eg4LlMasterDecoder
{
    /// <summary>Adds the registers of one read, <paramref name="values"/> from <paramref name="start"/>, to <paramref name="into"/>.</summary>
    public static Dictionary<int, ushort> Collect(ReadOnlySpan<ushort> values, int start, Dictionary<int, ushort>? into = null)
    {
        var registers = into ?? [];
        for (var i = 0; i < values.Length; i++)
        {
            registers[start + i] = values[i];
        }

        return registers;
    }

    /// <summary>True when one read from <paramref name="start"/> of <paramref name="count"/> registers covers what a master reading needs (21..23).</summary>
    public static bool Covers(int start, int count) => start <= RequiredStart && start + count > RequiredEnd;

    /// <summary>The master status in <paramref name="registers"/>; a failure when 21..23 are not all there.</summary>
    public static DecodeResult<Eg4LlMasterStatus> Decode(IReadOnlyDictionary<int, ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(registers);
        if (!registers.TryGetValue(StateOfCharge, out var soc) || !registers.TryGetValue(Voltage, out var voltage) || !registers.TryGetValue(Current, out var current))
        {
            return new DecodeError(
                DecodeErrorKind.Truncated,
                $"an EG4-LL master reading needs registers {RequiredStart}-{RequiredEnd} (state of charge, voltage, current)");
        }

        ushort? At(int register) => registers.TryGetValue(register, out var value) ? value : null;
        var cellCount = At(CellCount);
        var cells = cellCount is { } count ? Cells(registers, Math.Min((int)count, CellRegisters)) : [];
        return new Eg4LlMasterStatus(
            StateOfCharge: soc,
            Voltage: voltage / 100.0,
            Current: (short)current / 100.0,
            Temperature: At(Temperature) is { } temperature ? (short)temperature : null,
            RemainingCentiAh: At(RemainingCapacity),
            FullCentiAh: At(FullCapacity),
            StatusBits: At(Status),
            ProtectionBits: At(Protection),
            WarningBits: At(Warning),
            FirmwareWord: At(Firmware),
            Cycles: At(Cycles),
            StateOfHealth: At(StateOfHealth),
            MaxCellMillivolts: At(MaxCellMillivolts),
            MinCellMillivolts: At(MinCellMillivolts),
            MaxCellIndex: At(MaxCellIndex),
            MinCellIndex: At(MinCellIndex),
            CellCount: cellCount,
            CellMillivolts: cells,
            Registers: new SortedDictionary<int, ushort>(registers.ToDictionary()));
    }

    /// <summary>The first <paramref name="count"/> cells from 113, or none when the read did not cover them all.</summary>
    private static ushort[] Cells(IReadOnlyDictionary<int, ushort> registers, int count)
    {
        var cells = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            if (!registers.TryGetValue(FirstCell + i, out cells[i]))
            {
                return [];
            }
        }

        return cells;
    }
}

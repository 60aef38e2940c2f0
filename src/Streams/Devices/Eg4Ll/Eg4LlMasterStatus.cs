using System.Globalization;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// What the reads of a master pack held (<see cref="Eg4LlMasterMap"/>), scaled; a value is null when no
/// read covered its register. The bank values are the bank's as the master aggregates them.
/// </summary>
/// <param name="StateOfCharge">Register 21, %: the bank's, weighted by capacity.</param>
/// <param name="Voltage">Register 22 × 10 mV, in V.</param>
/// <param name="Current">Register 23 (int16) × 10 mA, in A, + = charging: the bank's, summed.</param>
/// <param name="Temperature">Register 24, °C.</param>
/// <param name="RemainingCentiAh">Register 26, 0.01 Ah (uint16: wraps past 655.35 Ah).</param>
/// <param name="FullCentiAh">Register 27, 0.01 Ah (uint16: wraps past 655.35 Ah).</param>
/// <param name="StatusBits">Register 19, meaning unknown.</param>
/// <param name="ProtectionBits">Register 20.</param>
/// <param name="WarningBits">Register 34.</param>
/// <param name="FirmwareWord">Register 28, major in the high byte, minor in the low.</param>
/// <param name="Cycles">Register 30.</param>
/// <param name="StateOfHealth">Register 32, %.</param>
/// <param name="MaxCellMillivolts">Register 37.</param>
/// <param name="MinCellMillivolts">Register 38.</param>
/// <param name="MaxCellIndex">Register 39, 0-based.</param>
/// <param name="MinCellIndex">Register 40, 0-based.</param>
/// <param name="CellCount">Register 41.</param>
/// <param name="CellMillivolts">Registers 113.. for the cell count (clamped to 16); empty when either was not read.</param>
/// <param name="Registers">Every register read, by number, for raw diagnostics.</param>
internal sealed record Eg4LlMasterStatus(
    ushort StateOfCharge,
    double Voltage,
    double Current,
    short? Temperature,
    ushort? RemainingCentiAh,
    ushort? FullCentiAh,
    ushort? StatusBits,
    ushort? ProtectionBits,
    ushort? WarningBits,
    ushort? FirmwareWord,
    ushort? Cycles,
    ushort? StateOfHealth,
    ushort? MaxCellMillivolts,
    ushort? MinCellMillivolts,
    ushort? MaxCellIndex,
    ushort? MinCellIndex,
    ushort? CellCount,
    IReadOnlyList<ushort> CellMillivolts,
    IReadOnlyDictionary<int, ushort> Registers)
{
    /// <summary>Largest SoC difference (points) between register 21 and 26 ÷ 27 that still believes the capacities.</summary>
    public const double CapacityAgreement = 3.0;

    /// <summary>
    /// The bank's remaining and full capacity in Ah, when both were read and agree with the state of
    /// charge: a bank above 655.35 Ah wraps the registers, and the wrapped values no longer do.
    /// </summary>
    public (double RemainingAh, double FullAh)? Capacities =>
        RemainingCentiAh is { } remaining && FullCentiAh is { } full && full > 0 && remaining <= full
            && Math.Abs((100.0 * remaining / full) - StateOfCharge) <= CapacityAgreement
            ? (remaining / 100.0, full / 100.0)
            : null;

    /// <summary><c>major.minor</c> (minor two digits), or null when not read or zero.</summary>
    public string? Firmware => FirmwareWord is { } word and not 0
        ? string.Create(CultureInfo.InvariantCulture, $"{word >> 8}.{word & 0xFF:D2}")
        : null;
}

namespace Streams.Devices.Jbd;

/// <summary>A decoded 0x03 basic-info reply (docs/protocols.md §4).</summary>
/// <param name="TotalVoltage">Offset 0, u16 × 10 mV, in V.</param>
/// <param name="Current">Offset 2, i16 × 10 mA, in A; + = charging.</param>
/// <param name="RemainingCapacityAh">Offset 4, × 10 mAh, in Ah.</param>
/// <param name="NominalCapacityAh">Offset 6, × 10 mAh, in Ah.</param>
/// <param name="Cycles">Offset 8.</param>
/// <param name="ProductionDateRaw">Offset 10: (year − 2000) &lt;&lt; 9 | month &lt;&lt; 5 | day.</param>
/// <param name="BalanceBits">Offsets 12 (cells 1–16) and 14 (cells 17–32) as one mask, bit 0 = cell 1.</param>
/// <param name="ProtectionBits">Offset 16.</param>
/// <param name="SoftwareVersionRaw">Offset 18, two BCD-like nibbles (0x10 = 1.0).</param>
/// <param name="StateOfCharge">Offset 19, %.</param>
/// <param name="MosfetStatus">Offset 20: bit 0 charge on, bit 1 discharge on.</param>
/// <param name="CellCount">Offset 21.</param>
/// <param name="Temperatures">Offsets 23.. (count at 22), (raw − 2731) / 10 °C.</param>
internal sealed record JbdBasicInfo(
    double TotalVoltage,
    double Current,
    double RemainingCapacityAh,
    double NominalCapacityAh,
    ushort Cycles,
    ushort ProductionDateRaw,
    uint BalanceBits,
    ushort ProtectionBits,
    byte SoftwareVersionRaw,
    byte StateOfCharge,
    byte MosfetStatus,
    byte CellCount,
    IReadOnlyList<double> Temperatures)
{
    public bool ChargeMosfetOn => (MosfetStatus & 0x01) != 0;

    public bool DischargeMosfetOn => (MosfetStatus & 0x02) != 0;

    /// <summary><c>major.minor</c> from the two nibbles: 0x10 → "1.0", 0x80 → "8.0".</summary>
    public string SoftwareVersion => $"{SoftwareVersionRaw >> 4}.{SoftwareVersionRaw & 0x0F}";

    /// <summary>The production date, or null when the packed value is not a calendar date.</summary>
    public DateOnly? ProductionDate
    {
        get
        {
            var year = 2000 + (ProductionDateRaw >> 9);
            var month = (ProductionDateRaw >> 5) & 0x0F;
            var day = ProductionDateRaw & 0x1F;
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? new DateOnly(year, month, day)
                : null;
        }
    }
}

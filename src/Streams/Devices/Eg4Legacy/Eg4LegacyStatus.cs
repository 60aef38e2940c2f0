namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// A decoded "7E" general-status reply (docs/protocols.md §3). Groups are numbered from 0 in
/// reply order (their type bytes are 1..10).
/// </summary>
/// <param name="Address">The replying pack.</param>
/// <param name="CellMillivolts">Group 0, masked with 0x3FFF (the top bits are flags).</param>
/// <param name="Current">Group 1: (30000 − raw) / 100 A; + = charging.</param>
/// <param name="StateOfCharge">Group 2: raw / 100 %.</param>
/// <param name="FullCapacityAh">Group 3: raw / 100 Ah.</param>
/// <param name="Temperatures">Group 4: (raw &amp; 0xFF) − 50 °C, in reply order.</param>
/// <param name="AlarmWord">Second word of group 5, or null when the group is shorter.</param>
/// <param name="Cycles">Group 6.</param>
/// <param name="PackVoltage">Group 7: raw / 100 V.</param>
/// <param name="StateOfHealth">Group 8: raw / 100 %, or null when the group is empty.</param>
internal sealed record Eg4LegacyStatus(
    byte Address,
    IReadOnlyList<ushort> CellMillivolts,
    double Current,
    double StateOfCharge,
    double FullCapacityAh,
    IReadOnlyList<int> Temperatures,
    ushort? AlarmWord,
    ushort Cycles,
    double PackVoltage,
    double? StateOfHealth);

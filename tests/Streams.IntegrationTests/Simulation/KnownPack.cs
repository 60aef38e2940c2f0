using Streams.Devices.Eg4Ll;

namespace Streams.IntegrationTests.Simulation;

/// <summary>An EG4-LL pack with known values in every field, and the register table libmodbus serves for it.</summary>
internal static class KnownPack
{
    public static readonly Eg4LlStatus Status = new(
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

    public static readonly Eg4LlIdentity Identity = new("LFP-51.2V100Ah-V1.0", "Z02T04", "2023071234567890");

    /// <summary>Registers 0..127: the status, then the identity at 105.</summary>
    public static ushort[] Table()
    {
        var table = new ushort[128];
        Eg4LlRegisterEncoder.EncodeStatus(Status, 47).CopyTo(table, 0);
        Eg4LlRegisterEncoder.EncodeIdentity(Identity).CopyTo(table, 105);
        return table;
    }

    /// <summary>The table as libmodbus's programs take it on their command line.</summary>
    public static IEnumerable<string> Arguments() => Table().Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

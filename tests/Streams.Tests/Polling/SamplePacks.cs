using Streams.Devices.Eg4Ll;

namespace Streams.Tests.Polling;

/// <summary>An EG4-LL pack state to encode into replies (values chosen to be recognisable, not real).</summary>
internal static class SamplePacks
{
    public static Eg4LlStatus Status(ushort stateOfCharge = 91) => new(
        PackVoltage: 53.12,
        Current: -2.5,
        CellMillivolts: Enumerable.Range(0, 16).Select(i => (ushort)(3310 + i)).ToArray(),
        ReportedCellCount: 16,
        PcbTemperature: 25,
        MaxTemperature: 27,
        AverageTemperature: 26,
        RemainingCapacity: 91,
        MaxChargeCurrent: 50,
        StateOfHealth: 100,
        StateOfCharge: stateOfCharge,
        StatusWord: 2,
        WarningBits: 0,
        ProtectionBits: 0,
        ErrorBits: 0,
        Cycles: 42,
        FullCapacityMilliampSeconds: 360_000_000,
        SensorTemperatures: [24, 25, null, null, null, null],
        DesignedCapacityTenthsAh: 1000,
        BalancingBits: 0,
        Registers: []);

    public static Eg4LlIdentity Identity { get; } = new("LFP-51.2V100Ah", "Z02T04", "SN0123456789");
}

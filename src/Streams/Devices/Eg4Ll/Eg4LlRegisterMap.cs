namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Register addresses of the EG4-LL / LifePower4 v2 slave map (vendor EG4-LL MODBUS Protocol
/// V01.06, see docs/protocols.md §2). The seed's map is wrong from register 18 on.
/// </summary>
internal static class Eg4LlRegisterMap
{
    /// <summary>What every open implementation reads at register 0.</summary>
    public const int StatusCount = 39;

    /// <summary>What the seed reads at register 0 (39..46 are undefined and kept raw).</summary>
    public const int SeedStatusCount = 47;

    public const int IdentityStart = 105;
    public const int IdentityCount = 23;

    public const int MaxCells = 16;
    public const int SensorCount = 6;

    internal const int PackVoltage = 0;
    internal const int Current = 1;
    internal const int FirstCell = 2;
    internal const int PcbTemperature = 18;

    // The V01.06 PDF calls 19 "average" and 20 "max", but one implementation notes they are
    // swapped, and the real reply in vector eg4ll-wombatt-info agrees: 19 = 27 °C, 20 = 24 °C
    // with all four cell sensors at 24 °C and the PCB at 25 °C; an average of 27 is impossible.
    internal const int MaxTemperature = 19;
    internal const int AverageTemperature = 20;
    internal const int RemainingCapacity = 21;
    internal const int MaxChargeCurrent = 22;
    internal const int StateOfHealth = 23;
    internal const int StateOfCharge = 24;
    internal const int Status = 25;
    internal const int Warnings = 26;
    internal const int Protections = 27;
    internal const int Errors = 28;
    internal const int CyclesHigh = 29;
    internal const int FullCapacityHigh = 31;
    internal const int FirstSensorPair = 33;
    internal const int CellCount = 36;
    internal const int DesignedCapacity = 37;
    internal const int Balancing = 38;

    internal const int Model = 105;
    internal const int ModelRegisters = 12;
    internal const int Firmware = 117;
    internal const int FirmwareRegisters = 3;
    internal const int Serial = 120;
    internal const int SerialRegisters = 8;

    /// <summary>A master pack holds at most this many non-zero values in registers 0..18.</summary>
    internal const int MasterMapMaxNonZero = 2;

    internal const int MasterMapProbeEnd = 18;

    /// <summary>The signed byte a missing NTC reads as (0xC8).</summary>
    internal const sbyte AbsentSensor = -56;

    internal const double MilliampSecondsPerAmpHour = 3_600_000.0;
}

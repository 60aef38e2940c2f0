namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Register addresses of the map an EG4-LL / LifePower4 v2 pack answers with while it is bank master
/// towards an inverter (docs/protocols.md §2 "Master packs"): zeros in 0..18, bank data in 19..41,
/// the master's own cells in 113..128. No vendor document; how sure each one is, and from which
/// source, is in <see cref="Eg4LlMasterFields"/> and docs/protocols.md.
/// </summary>
internal static class Eg4LlMasterMap
{
    /// <summary>The bank block: what an inverter reads (19..34 or 19..35 on the buses captured), and 36..41 after it.</summary>
    public const int BankStart = 19;
    public const int BankCount = 23;

    public const int Status = 19;
    public const int Protection = 20;
    public const int StateOfCharge = 21;

    /// <summary>10 mV.</summary>
    public const int Voltage = 22;

    /// <summary>int16, 10 mA, + = charging.</summary>
    public const int Current = 23;

    /// <summary>int16, °C.</summary>
    public const int Temperature = 24;

    /// <summary>uint16, 0.01 Ah: wraps past 655.35 Ah.</summary>
    public const int RemainingCapacity = 26;

    /// <summary>uint16, 0.01 Ah: wraps past 655.35 Ah.</summary>
    public const int FullCapacity = 27;

    /// <summary>Packed major.minor, one byte each.</summary>
    public const int Firmware = 28;

    public const int Cycles = 30;
    public const int StateOfHealth = 32;
    public const int Warning = 34;
    public const int MaxCellMillivolts = 37;
    public const int MinCellMillivolts = 38;

    /// <summary>0-based cell index.</summary>
    public const int MaxCellIndex = 39;

    /// <summary>0-based cell index.</summary>
    public const int MinCellIndex = 40;

    public const int CellCount = 41;

    public const int FirstCell = 113;
    public const int CellRegisters = Eg4LlRegisterMap.MaxCells;

    /// <summary>Registers 0..128 exist.</summary>
    public const int TableLength = FirstCell + CellRegisters;

    /// <summary>The registers a master reading needs at least: state of charge, voltage and current.</summary>
    public const int RequiredStart = StateOfCharge;
    public const int RequiredEnd = Current;
}

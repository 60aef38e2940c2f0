namespace Streams.Devices.Jbd;

/// <summary>
/// The BMS's own protection event counters (register 0xAA, docs/protocols.md §4), in the order of the
/// reply: short circuit, charge overcurrent, discharge overcurrent, cell overvoltage, cell
/// undervoltage, charge over- and undertemperature, discharge over- and undertemperature, pack
/// overvoltage, pack undervoltage (<see cref="JbdFields.ErrorCounters"/>).
/// </summary>
/// <param name="Counts"><see cref="CounterCount"/> counts, as the BMS keeps them (a "clear history" resets them).</param>
/// <param name="Restarts">The system restart count of a 24-byte reply (one source: the Jiabaida protocol document), else null.</param>
internal sealed record JbdErrorCounts(IReadOnlyList<ushort> Counts, ushort? Restarts)
{
    public const int CounterCount = 11;
}

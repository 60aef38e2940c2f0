using Streams.Core;

namespace Streams.Derived;

/// <summary>The estimates' fields: time to full / to empty (<c>duration</c>) and the energy stored now (<c>energy_storage</c>).</summary>
internal static class EstimateFields
{
    /// <summary>Minutes until full at the present charge current; absent (unknown) when not charging.</summary>
    public static FieldSpec TimeToFull { get; } = FieldSpecFactory.Minutes("time_to_full", "Time to full");

    /// <summary>Minutes until empty at the present discharge current; absent (unknown) when not discharging.</summary>
    public static FieldSpec TimeToEmpty { get; } = FieldSpecFactory.Minutes("time_to_empty", "Time to empty");

    /// <summary>Remaining Ah × pack voltage, kWh. Not <c>energy</c>: it goes up and down.</summary>
    public static FieldSpec StoredEnergy { get; } = FieldSpecFactory.StoredEnergy("stored_energy", "Stored energy");

    public static IReadOnlyList<FieldSpec> All { get; } = [TimeToFull, TimeToEmpty, StoredEnergy];
}

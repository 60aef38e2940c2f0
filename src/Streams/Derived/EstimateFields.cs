using Streams.Readings;

namespace Streams.Derived;

/// <summary>The estimates' fields: time to full / to empty (<c>duration</c>) and the energy stored now (<c>energy_storage</c>).</summary>
internal static class EstimateFields
{
    private const string Measurement = "measurement";

    /// <summary>Minutes until full at the present charge current; absent (unknown) when not charging.</summary>
    public static FieldSpec TimeToFull { get; } = new("time_to_full", "Time to full", "min", "duration", Measurement, 0);

    /// <summary>Minutes until empty at the present discharge current; absent (unknown) when not discharging.</summary>
    public static FieldSpec TimeToEmpty { get; } = new("time_to_empty", "Time to empty", "min", "duration", Measurement, 0);

    /// <summary>Remaining Ah × pack voltage, kWh. Not <c>energy</c>: it goes up and down.</summary>
    public static FieldSpec StoredEnergy { get; } = new("stored_energy", "Stored energy", "kWh", "energy_storage", Measurement, 2);

    public static IReadOnlyList<FieldSpec> All { get; } = [TimeToFull, TimeToEmpty, StoredEnergy];
}

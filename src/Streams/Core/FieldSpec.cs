namespace Streams.Core;

/// <summary>
/// The catalogue entry for one named value a device reports. One catalogue serves every sink:
/// the console prints <see cref="Key"/> and <see cref="Unit"/>, Home Assistant discovery reads
/// the classes, precision and diagnostic flag.
/// </summary>
/// <param name="Key">Stable machine key, snake_case, unique within a device (e.g. <c>cell_01_voltage</c>).</param>
/// <param name="Name">Human name shown in Home Assistant (e.g. <c>Cell 1 voltage</c>).</param>
/// <param name="Unit">Unit of measurement as Home Assistant spells it, or null.</param>
/// <param name="DeviceClass">Home Assistant device class, or null.</param>
/// <param name="StateClass">Home Assistant state class (<c>measurement</c>, <c>total</c>, <c>total_increasing</c>), or null.</param>
/// <param name="Precision">Suggested display precision (digits after the point), or null.</param>
/// <param name="Diagnostic">True for entity_category diagnostic (cells, raw registers, counters).</param>
/// <param name="EnabledByDefault">False for noisy diagnostics such as raw registers.</param>
/// <param name="Kind">Sensor, text, or problem indicator.</param>
internal sealed record FieldSpec(
    string Key,
    string Name,
    string? Unit = null,
    string? DeviceClass = null,
    string? StateClass = null,
    int? Precision = null,
    bool Diagnostic = false,
    bool EnabledByDefault = true,
    FieldKind Kind = FieldKind.Sensor)
{
    /// <summary>How sure the sources are of the field's meaning; <see cref="FieldSpecFactory.Uncertain"/> also disables it by default.</summary>
    public FieldCertainty Certainty { get; init; } = FieldCertainty.Confirmed;
}

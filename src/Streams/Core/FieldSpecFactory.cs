using System.Collections.Concurrent;
using System.Globalization;

namespace Streams.Core;

/// <summary>
/// The valid Home Assistant combinations (docs/home-assistant.md §6) in one place, so that a
/// catalogue cannot pair a device class with a unit or state class it does not allow.
/// </summary>
internal static class FieldSpecFactory
{
    private const string Measurement = "measurement";
    private const string TotalIncreasing = "total_increasing";

    private static readonly ConcurrentDictionary<int, FieldSpec> RegisterSpecs = new();

    public static FieldSpec Voltage(string key, string name, int precision) =>
        new(key, name, "V", "voltage", Measurement, precision);

    public static FieldSpec Millivolts(string key, string name, bool diagnostic = false) =>
        new(key, name, "mV", "voltage", Measurement, 0, diagnostic);

    public static FieldSpec Current(string key, string name, int precision) =>
        new(key, name, "A", "current", Measurement, precision);

    public static FieldSpec Power(string key, string name) =>
        new(key, name, "W", "power", Measurement, 0);

    public static FieldSpec StateOfCharge(int precision) =>
        new(CommonFields.StateOfChargeKey, "State of charge", "%", "battery", Measurement, precision);

    /// <summary>SoH has no device class: <c>battery</c> means charge, not health.</summary>
    public static FieldSpec StateOfHealth(int precision) =>
        new("state_of_health", "State of health", "%", null, Measurement, precision);

    /// <summary>Ah has no device class in Home Assistant.</summary>
    public static FieldSpec AmpHours(string key, string name, int precision, bool diagnostic = false) =>
        new(key, name, "Ah", null, Measurement, precision, diagnostic);

    public static FieldSpec RemainingCapacity(int precision) => AmpHours(CommonFields.RemainingCapacityKey, "Remaining capacity", precision);

    public static FieldSpec FullCapacity(int precision) => AmpHours(CommonFields.FullCapacityKey, "Full capacity", precision);

    public static FieldSpec DesignCapacity(int precision) => AmpHours(CommonFields.DesignCapacityKey, "Design capacity", precision, diagnostic: true);

    /// <summary>
    /// A meter of energy that only grows, in kWh: what Home Assistant's Energy dashboard takes
    /// (device class <c>energy</c>, state class <c>total_increasing</c>).
    /// </summary>
    public static FieldSpec EnergyTotal(string key, string name) =>
        new(key, name, "kWh", "energy", TotalIncreasing, 2);

    /// <summary>A charge counter that only grows, in Ah (no device class: Home Assistant has none for Ah).</summary>
    public static FieldSpec AmpHourTotal(string key, string name) =>
        new(key, name, "Ah", null, TotalIncreasing, 1);

    /// <summary>Energy held now, in kWh: <c>energy_storage</c>, which goes up and down (not the Energy dashboard's <c>energy</c>).</summary>
    public static FieldSpec StoredEnergy(string key, string name) =>
        new(key, name, "kWh", "energy_storage", Measurement, 2);

    /// <summary>A span of time in minutes (<c>duration</c>).</summary>
    public static FieldSpec Minutes(string key, string name) =>
        new(key, name, "min", "duration", Measurement, 0);

    /// <summary>A count of things present now (packs online): a measurement without unit or device class.</summary>
    public static FieldSpec Count(string key, string name, bool diagnostic = false) =>
        new(key, name, null, null, Measurement, 0, diagnostic);

    /// <summary>How often something happened, as the device counts it: diagnostic, only grows (a reset starts a new count).</summary>
    public static FieldSpec EventCount(string key, string name, bool enabled = true) =>
        new(key, name, null, null, TotalIncreasing, 0, Diagnostic: true, EnabledByDefault: enabled);

    /// <summary><paramref name="spec"/> as a field whose meaning a source states and real replies fit, unconfirmed by a second source.</summary>
    public static FieldSpec Probable(FieldSpec spec) => spec with { Certainty = FieldCertainty.Probable };

    /// <summary><paramref name="spec"/> as a field the sources are not sure of: published, disabled by default in Home Assistant.</summary>
    public static FieldSpec Uncertain(FieldSpec spec) => spec with { Certainty = FieldCertainty.Uncertain, EnabledByDefault = false };

    /// <summary>Radio signal strength in dBm, a diagnostic.</summary>
    public static FieldSpec SignalStrength(string key, string name) =>
        new(key, name, "dBm", "signal_strength", Measurement, 0, Diagnostic: true);

    /// <summary>A share in %, a diagnostic with no device class (it is not a battery level).</summary>
    public static FieldSpec Percentage(string key, string name, int precision) =>
        new(key, name, "%", null, Measurement, precision, Diagnostic: true);

    /// <summary>A point in time as ISO 8601 text, Home Assistant's <c>timestamp</c> device class.</summary>
    public static FieldSpec Timestamp(string key, string name) =>
        new(key, name, DeviceClass: "timestamp", Diagnostic: true, Kind: FieldKind.Text);

    public static FieldSpec Temperature(string key, string name, int precision) =>
        new(key, name, "°C", "temperature", Measurement, precision);

    public static FieldSpec Cycles() => EventCount("cycles", "Cycles");

    /// <summary>A number that is an index or a count of parts, not a quantity: no state class.</summary>
    public static FieldSpec Number(string key, string name, bool enabled = true) =>
        new(key, name, Precision: 0, Diagnostic: true, EnabledByDefault: enabled);

    public static FieldSpec Text(string key, string name, bool diagnostic = false) =>
        new(key, name, Diagnostic: diagnostic, Kind: FieldKind.Text);

    /// <summary>
    /// One warning, protection, alarm or error bit: a diagnostic <c>problem</c> binary sensor, disabled
    /// by default (the pack's <see cref="CommonFields.Problem"/> summary is the one people watch).
    /// </summary>
    public static FieldSpec Problem(string key, string name) =>
        new(key, name, DeviceClass: "problem", Diagnostic: true, EnabledByDefault: false, Kind: FieldKind.Problem);

    public static FieldSpec Flag(string key, string name, string? deviceClass = null, bool diagnostic = false) =>
        new(key, name, DeviceClass: deviceClass, Diagnostic: diagnostic, Kind: FieldKind.Flag);

    /// <summary>Cell voltages: main readings, enabled (what people open a BMS dashboard for).</summary>
    public static FieldSpec[] Cells(int count) =>
        Enumerable.Range(1, count)
            .Select(n => Voltage($"cell_{n:D2}_voltage", $"Cell {n} voltage", 3))
            .ToArray();

    public static FieldSpec[] TemperatureSensors(int count, int precision) =>
        Enumerable.Range(1, count)
            .Select(n => Temperature($"temperature_sensor_{n}", $"Temperature sensor {n}", precision))
            .ToArray();

    /// <summary>
    /// <c>register_NN</c>, a raw register of unknown meaning by its absolute number: diagnostic,
    /// disabled by default, and without a state class (a raw value may be a bit mask or a code).
    /// </summary>
    public static FieldSpec Register(int number) =>
        RegisterSpecs.GetOrAdd(number, static n => new FieldSpec(
            string.Create(CultureInfo.InvariantCulture, $"register_{n:D2}"),
            string.Create(CultureInfo.InvariantCulture, $"Register {n}"),
            Precision: 0,
            Diagnostic: true,
            EnabledByDefault: false));

    public static FieldSpec[] Registers(int count) => [.. Enumerable.Range(0, count).Select(Register)];

    public static BitField[] Bits(string prefix, string suffix, params (uint Mask, string Key, string Name)[] bits) =>
        bits.Select(b => new BitField(b.Mask, Problem($"{prefix}_{b.Key}", $"{b.Name} {suffix}"))).ToArray();
}

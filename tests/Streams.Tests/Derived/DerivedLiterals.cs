using System.Globalization;
using Streams.Derived;
using Streams.Core;

namespace Streams.Tests.Derived;

/// <summary>
/// The value literals of marbles/derived (see its README): a reading is <c>NAME key=value …</c> with
/// the short keys <c>v</c> (pack voltage), <c>i</c> (current, + = charging), <c>soc</c>,
/// <c>rem</c> (remaining Ah), <c>full</c> (full Ah), <c>design</c> (design Ah), <c>cmin</c> /
/// <c>cmax</c> (cell min/max V); any other key is taken as a field key as written.
/// </summary>
internal static class DerivedLiterals
{
    private static readonly Dictionary<string, FieldSpec> Short = new(StringComparer.Ordinal)
    {
        ["v"] = CommonFields.PackVoltage,
        ["i"] = CommonFields.Current,
        ["soc"] = FieldSpecFactory.StateOfCharge(0),
        ["rem"] = FieldSpecFactory.RemainingCapacity(0),
        ["full"] = FieldSpecFactory.FullCapacity(2),
        ["design"] = FieldSpecFactory.DesignCapacity(2),
        ["cmin"] = CommonFields.CellVoltageMin,
        ["cmax"] = CommonFields.CellVoltageMax,
    };

    public static DeviceInfo Pack(string name) => new(name, "test", "Test", "Test pack");

    public static Reading Reading(string literal, DateTimeOffset at)
    {
        var parts = literal.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = parts.Skip(1).Select(part =>
        {
            var (key, value) = part.Split('=') is [var k, var v]
                ? (k, double.Parse(v, CultureInfo.InvariantCulture))
                : throw new FormatException($"'{part}' in '{literal}' is not key=value");
            return FieldValue.Of(Short.TryGetValue(key, out var spec) ? spec : new FieldSpec(key, key), value);
        });
        return new Reading(Pack(parts[0]), at, [.. fields]);
    }

    /// <summary><c>p1 offline</c> or <c>p1 online</c>.</summary>
    public static AvailabilityChange Availability(string literal) => literal.Split(' ') switch
    {
        [var pack, "online"] => new(Pack(pack), true),
        [var pack, "offline"] => new(Pack(pack), false),
        _ => throw new FormatException($"'{literal}' is not 'PACK online' or 'PACK offline'"),
    };

    /// <summary><c>p1 in=0.01kWh/0.2Ah out=0kWh/0Ah</c>, or <c>p1 no meter</c>.</summary>
    public static string Meter(Reading reading)
    {
        string Of(FieldSpec spec) => reading.Fields.FirstOrDefault(f => f.Spec.Key == spec.Key).Number is { } n ? Number(n) : "none";
        return reading.Fields.Any(f => f.Spec.Key == EnergyMeterFields.EnergyCharged.Key)
            ? $"{reading.Device.Name} in={Of(EnergyMeterFields.EnergyCharged)}kWh/{Of(EnergyMeterFields.AmpHoursCharged)}Ah "
                + $"out={Of(EnergyMeterFields.EnergyDischarged)}kWh/{Of(EnergyMeterFields.AmpHoursDischarged)}Ah"
            : $"{reading.Device.Name} no meter";
    }

    /// <summary><c>key=value</c> for each of <paramref name="keys"/> (<c>none</c> when absent), or <c>unavailable</c>.</summary>
    public static string Bank(BankUpdate update, IReadOnlyList<string> keys)
    {
        if (update.Reading is not { } reading)
        {
            return "unavailable";
        }

        return string.Join(' ', keys.Select(key =>
        {
            var field = reading.Fields.FirstOrDefault(f => f.Spec.Key == key);
            var value = field.Number is { } n ? Number(n) : field.Text ?? "none";
            return $"{key}={value}";
        }));
    }

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

using Streams.Core;

namespace Streams.Sinks;

/// <summary>
/// What the console table shows of one pack: the main values of its latest reading, the problems
/// it reports, its availability and when it was last heard. Values a device does not report are null.
/// Public for the command, which draws the table (<c>src/App/Hosting/PackTableView</c>).
/// </summary>
public sealed record PackRow(
    string Name,
    double? StateOfCharge,
    double? Voltage,
    double? Current,
    double? Power,
    double? CellMin,
    double? CellMax,
    double? CellDelta,
    double? TemperatureMin,
    double? TemperatureMax,
    IReadOnlyList<string> Problems,
    bool? Online,
    DateTimeOffset? LastReading)
{
    /// <summary>A pack configured but not heard from yet.</summary>
    internal static PackRow Waiting(string name) => new(name, null, null, null, null, null, null, null, null, null, [], null, null);

    /// <summary>The row for <paramref name="reading"/>, keeping the availability already known.</summary>
    internal static PackRow From(Reading reading, bool? online)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var numbers = reading.Fields.Where(f => f.Number is not null).ToList();
        double? Number(FieldSpec spec) => numbers.Find(f => f.Spec.Key == spec.Key).Number;
        var temperatures = numbers.Where(f => f.Spec.DeviceClass == "temperature").Select(f => f.Number!.Value).ToList();
        var problems = reading.Fields
            // The summary flag is on whenever one of these is: it is no problem of its own.
            .Where(f => f.Spec.Kind == FieldKind.Problem && f.Flag == true && f.Spec.Key != CommonFields.Problem.Key)
            .Select(f => f.Spec.Name)
            .ToList();
        return new PackRow(
            reading.Device.Name,
            numbers.Find(f => f.Spec.DeviceClass == "battery" && f.Spec.Unit == "%").Number,
            Number(CommonFields.PackVoltage),
            Number(CommonFields.Current),
            Number(CommonFields.Power),
            Number(CommonFields.CellVoltageMin),
            Number(CommonFields.CellVoltageMax),
            Number(CommonFields.CellVoltageDelta),
            temperatures.Count == 0 ? null : temperatures.Min(),
            temperatures.Count == 0 ? null : temperatures.Max(),
            problems,
            online ?? true,
            reading.Timestamp);
    }
}

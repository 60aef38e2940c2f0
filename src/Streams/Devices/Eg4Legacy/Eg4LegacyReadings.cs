using Streams.Core;

namespace Streams.Devices.Eg4Legacy;

/// <summary>Turns decoded "7E" records into catalogue fields (<see cref="Eg4LegacyFields"/>) and readings.</summary>
internal static class Eg4LegacyReadings
{
    private const ushort ChargingBit = 0x01;
    private const ushort DischargingBit = 0x02;

    public static Reading ToReading(DeviceInfo device, DateTimeOffset timestamp, Eg4LegacyStatus status) =>
        new(device, timestamp, ToFields(status));

    /// <summary>Without an alarm word (group 5 shorter than two words) the charging and alarm fields are left out.</summary>
    public static IReadOnlyList<FieldValue> ToFields(Eg4LegacyStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var fields = new FieldListBuilder(Eg4LegacyFields.All.Count)
            .AddPower(status.PackVoltage, status.Current)
            .Add(Eg4LegacyFields.StateOfCharge, status.StateOfCharge)
            .Add(Eg4LegacyFields.FullCapacity, status.FullCapacityAh)
            .Add(CommonFields.Cycles, status.Cycles)
            .AddCells(status.CellMillivolts)
            .Add(CommonFields.CellCount, status.CellMillivolts.Count);

        if (status.StateOfHealth is { } health)
        {
            fields.Add(Eg4LegacyFields.StateOfHealth, health);
        }

        for (var i = 0; i < status.Temperatures.Count && i < Eg4LegacyFields.Sensors.Count; i++)
        {
            fields.Add(Eg4LegacyFields.Sensors[i], status.Temperatures[i]);
        }

        if (status.AlarmWord is { } alarms)
        {
            fields.Add(Eg4LegacyFields.Charging, (alarms & ChargingBit) != 0)
                .Add(Eg4LegacyFields.Discharging, (alarms & DischargingBit) != 0)
                .AddBits(alarms, Eg4LegacyFields.Alarms);
        }

        return fields.Build();
    }
}

using System.Globalization;
using Streams.Core;

namespace Streams.Devices.Eg4Ll;

/// <summary>Turns decoded EG4-LL records into catalogue fields (<see cref="Eg4LlFields"/>) and readings.</summary>
internal static class Eg4LlReadings
{
    /// <summary>One reading on its own: its NTC inputs that read 0 °C are taken for empty ones (see <see cref="Eg4LlTemperatureSensors"/>).</summary>
    public static Reading ToReading(DeviceInfo device, DateTimeOffset timestamp, Eg4LlStatus status) =>
        ToReading(device, timestamp, status, new Eg4LlTemperatureSensors());

    /// <summary>One of a pack's readings: <paramref name="sensors"/> holds what its earlier readings said of its NTC inputs.</summary>
    public static Reading ToReading(DeviceInfo device, DateTimeOffset timestamp, Eg4LlStatus status, Eg4LlTemperatureSensors sensors) =>
        new(device, timestamp, ToFields(status, sensors));

    /// <summary>The fields of one reading on its own (see <see cref="ToReading(DeviceInfo, DateTimeOffset, Eg4LlStatus)"/>).</summary>
    public static IReadOnlyList<FieldValue> ToFields(Eg4LlStatus status) => ToFields(status, new Eg4LlTemperatureSensors());

    /// <summary>
    /// NTC inputs that are not sensors (<paramref name="sensors"/>) and values of 0xC8 are left out; every
    /// register read becomes a raw <c>register_NN</c> field.
    /// </summary>
    public static IReadOnlyList<FieldValue> ToFields(Eg4LlStatus status, Eg4LlTemperatureSensors sensors)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(sensors);
        var temperatures = sensors.Sensors(status.SensorTemperatures);
        // The list is the reading (~3 KB, 100 000 a second in a replay): sized for what it can hold, not more.
        // The catalogue lists the summary (which the builder makes room for) and the seed's 47 registers.
        var registers = Math.Min(status.Registers.Count, Eg4LlFields.Registers.Count);
        var fields = new FieldListBuilder(Eg4LlFields.All.Count - ProblemSummary.FieldCount - Eg4LlFields.ListedRegisters + registers)
            .AddPower(status.PackVoltage, status.Current)
            .Add(Eg4LlFields.StateOfCharge, status.StateOfCharge)
            .Add(Eg4LlFields.StateOfHealth, status.StateOfHealth)
            .Add(Eg4LlFields.RemainingCapacity, status.RemainingCapacity)
            .Add(Eg4LlFields.FullCapacity, Math.Round(status.FullCapacityAh, 3))
            .Add(Eg4LlFields.DesignCapacity, status.DesignedCapacityAh)
            .Add(Eg4LlFields.MaxChargeCurrent, status.MaxChargeCurrent)
            .Add(CommonFields.Cycles, status.Cycles)
            .Add(Eg4LlFields.Status, StatusText(status.State))
            .Add(Eg4LlFields.Heater, status.HeaterOn)
            .AddCells(status.CellMillivolts)
            .Add(CommonFields.CellCount, status.ReportedCellCount)
            .Add(Eg4LlFields.PcbTemperature, status.PcbTemperature)
            .Add(Eg4LlFields.MaxTemperature, status.MaxTemperature)
            .Add(Eg4LlFields.AverageTemperature, status.AverageTemperature);

        for (var i = 0; i < temperatures.Count && i < Eg4LlFields.Sensors.Count; i++)
        {
            if (temperatures[i] is { } temperature)
            {
                fields.Add(Eg4LlFields.Sensors[i], temperature);
            }
        }

        fields.Add(CommonFields.Balancing, status.BalancingBits != 0)
            .Add(CommonFields.BalancingBits, status.BalancingBits)
            .AddBits(status.WarningBits, Eg4LlFields.Warnings)
            .AddBits(status.ProtectionBits, Eg4LlFields.Protections)
            .AddBits(status.ErrorBits, Eg4LlFields.Errors);

        var registerSpecs = ListSpans.Of(Eg4LlFields.Registers);
        var registerValues = ListSpans.Of(status.Registers);
        for (var i = 0; i < registers; i++)
        {
            fields.Add(registerSpecs[i], registerValues[i]);
        }

        return fields.Build();
    }

    /// <summary>The text of the <c>status</c> field: a snake_case state name, or <c>unknown_0xNNNN</c>.</summary>
    public static string StatusText(Eg4LlOperatingState state) => state switch
    {
        Eg4LlOperatingState.Standby => "standby",
        Eg4LlOperatingState.Charging => "charging",
        Eg4LlOperatingState.Discharging => "discharging",
        Eg4LlOperatingState.Protect => "protect",
        Eg4LlOperatingState.ChargingLimit => "charging_limit",
        _ => UnknownStatusText((int)state),
    };

    // A pack in an unknown state reports it at every poll: the text of the last one is kept.
    [ThreadStatic]
    private static (int Value, string Text)? t_lastUnknown;

    private static string UnknownStatusText(int value)
    {
        if (t_lastUnknown is { } last && last.Value == value)
        {
            return last.Text;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"unknown_0x{value:X4}");
        t_lastUnknown = (value, text);
        return text;
    }

    /// <summary>The device with model, firmware and serial from registers 105–127 (empty texts keep what was known).</summary>
    public static DeviceInfo WithIdentity(DeviceInfo device, Eg4LlIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(identity);
        return device with
        {
            Model = identity.Model.Length > 0 ? identity.Model : device.Model,
            Firmware = identity.Firmware.Length > 0 ? identity.Firmware : device.Firmware,
            Serial = identity.Serial.Length > 0 ? identity.Serial : device.Serial,
        };
    }
}

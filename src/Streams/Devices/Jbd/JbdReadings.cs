using System.Globalization;
using Streams.Core;

namespace Streams.Devices.Jbd;

/// <summary>Turns decoded JBD records into catalogue fields (<see cref="JbdFields"/>) and readings.</summary>
internal static class JbdReadings
{
    /// <summary>
    /// One poll's reading: the 0x03 basic info plus, when the 0x04 read succeeded, the cells, and the
    /// last 0xAA counters read. The software version the basic info carries is the device's firmware
    /// (Home Assistant's <c>sw_version</c>).
    /// </summary>
    public static Reading ToReading(DeviceInfo device, DateTimeOffset timestamp, JbdBasicInfo basic, JbdCellVoltages? cells, JbdErrorCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(basic);
        return new(device with { Firmware = basic.SoftwareVersion }, timestamp, ToFields(basic, cells, counts));
    }

    public static IReadOnlyList<FieldValue> ToFields(JbdBasicInfo basic, JbdCellVoltages? cells, JbdErrorCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(basic);
        var fields = new FieldListBuilder(JbdFields.All.Count)
            .AddPower(basic.TotalVoltage, basic.Current)
            .Add(JbdFields.StateOfCharge, basic.StateOfCharge)
            .Add(JbdFields.RemainingCapacity, basic.RemainingCapacityAh)
            .Add(JbdFields.DesignCapacity, basic.NominalCapacityAh)
            .Add(CommonFields.Cycles, basic.Cycles)
            .Add(JbdFields.ChargeMosfet, basic.ChargeMosfetOn)
            .Add(JbdFields.DischargeMosfet, basic.DischargeMosfetOn)
            .Add(CommonFields.CellCount, basic.CellCount)
            .Add(CommonFields.Balancing, basic.BalanceBits != 0)
            .Add(CommonFields.BalancingBits, basic.BalanceBits)
            .AddCellBalancing(basic.BalanceBits, basic.CellCount)
            .Add(JbdFields.SoftwareVersion, basic.SoftwareVersion);

        if (basic.ProductionDate is { } date)
        {
            fields.Add(JbdFields.ProductionDate, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < basic.Temperatures.Count && i < JbdFields.Sensors.Count; i++)
        {
            fields.Add(JbdFields.Sensors[i], basic.Temperatures[i]);
        }

        fields.AddBits(basic.ProtectionBits, JbdFields.Protections);
        if (cells is not null)
        {
            fields.AddCells(cells.Millivolts);
        }

        if (counts is not null)
        {
            for (var i = 0; i < counts.Counts.Count && i < JbdFields.ErrorCounters.Count; i++)
            {
                fields.Add(JbdFields.ErrorCounters[i], counts.Counts[i]);
            }

            if (counts.Restarts is { } restarts)
            {
                fields.Add(JbdFields.RestartCount, restarts);
            }
        }

        return fields.Build();
    }

    /// <summary>The fields of a 0x04 reply alone: cell voltages and their statistics.</summary>
    public static IReadOnlyList<FieldValue> ToFields(JbdCellVoltages cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return new FieldListBuilder(cells.Millivolts.Count + CommonFields.CellStatistics.Count)
            .AddCells(cells.Millivolts)
            .Build();
    }
}

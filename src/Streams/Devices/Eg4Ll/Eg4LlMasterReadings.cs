using Streams.Core;
using static Streams.Devices.Eg4Ll.Eg4LlMasterFields;

namespace Streams.Devices.Eg4Ll;

/// <summary>Turns a decoded master map (<see cref="Eg4LlMasterStatus"/>) into fields of <see cref="Eg4LlMasterFields"/>.</summary>
internal static class Eg4LlMasterReadings
{
    public static Reading ToReading(DeviceInfo device, DateTimeOffset timestamp, Eg4LlMasterStatus status) =>
        new(device, timestamp, ToFields(status));

    /// <summary>
    /// What the reads covered, nothing for a register no read held; the bank block (19..41) also as
    /// raw <c>register_NN</c> fields, so a user can check the uncertain meanings against their bank.
    /// </summary>
    public static IReadOnlyList<FieldValue> ToFields(Eg4LlMasterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var fields = new FieldListBuilder(Eg4LlMasterFields.All.Count + Eg4LlMasterMap.BankCount)
            .Add(PackVoltage, status.Voltage)
            .Add(Current, status.Current)
            .Add(Power, Math.Round(status.Voltage * status.Current, 2))
            .Add(StateOfCharge, status.StateOfCharge);
        Optional(fields, Temperature, status.Temperature);
        if (status.Capacities is { } capacities)
        {
            fields.Add(RemainingCapacity, capacities.RemainingAh).Add(FullCapacity, capacities.FullAh);
        }

        Optional(fields, Cycles, status.Cycles);
        Optional(fields, StateOfHealth, status.StateOfHealth);
        Optional(fields, CellVoltageMax, status.MaxCellMillivolts / 1000.0);
        Optional(fields, CellVoltageMin, status.MinCellMillivolts / 1000.0);
        Optional(fields, HighestCell, status.MaxCellIndex + 1);
        Optional(fields, LowestCell, status.MinCellIndex + 1);
        Optional(fields, CellCount, status.CellCount);
        if (status.Firmware is { } firmware)
        {
            fields.Add(Firmware, firmware);
        }

        for (var i = 0; i < status.CellMillivolts.Count; i++)
        {
            fields.Add(Cells[i], status.CellMillivolts[i] / 1000.0);
        }

        Optional(fields, StatusBits, status.StatusBits);
        Optional(fields, ProtectionBits, status.ProtectionBits);
        Optional(fields, WarningBits, status.WarningBits);
        foreach (var (register, value) in status.Registers)
        {
            if (register is >= Eg4LlMasterMap.BankStart and < Eg4LlMasterMap.BankStart + Eg4LlMasterMap.BankCount)
            {
                fields.Add(FieldSpecFactory.Register(register), value);
            }
        }

        return fields.Build();
    }

    private static void Optional(FieldListBuilder fields, FieldSpec spec, double? value)
    {
        if (value is { } number)
        {
            fields.Add(spec, number);
        }
    }
}

namespace Streams.Devices.Jbd;

/// <summary>A decoded 0x04 reply: one u16 mV per cell, cell 1 first.</summary>
internal sealed record JbdCellVoltages(IReadOnlyList<ushort> Millivolts);

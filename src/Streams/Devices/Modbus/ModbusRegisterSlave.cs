namespace Streams.Devices.Modbus;

/// <summary>
/// What every simulated Modbus slave does with a request: ignore anything that is not a valid fn 0x03
/// query for its own address, answer a read inside its register table with those registers, and
/// answer a read that runs past the table with exception 0x02 (illegal data address), as
/// libmodbus and the EG4 firmware do.
/// </summary>
internal static class ModbusRegisterSlave
{
    public const byte IllegalDataAddress = 0x02;

    /// <param name="request">One whole frame.</param>
    /// <param name="address">The slave's address.</param>
    /// <param name="tableLength">Registers 0..tableLength-1 exist.</param>
    /// <param name="readTable">Produces the current register table (called only for a read that will be answered).</param>
    public static byte[]? Answer(ReadOnlySpan<byte> request, byte address, int tableLength, Func<ushort[]> readTable)
    {
        if (!ModbusFrame.TryParse(request, out var frame) || frame.Kind != ModbusFrameKind.Query || frame.Address != address)
        {
            return null;
        }

        var start = frame.StartRegister;
        var count = frame.RegisterCount;
        if (start + count > tableLength)
        {
            return ModbusResponses.Exception(address, IllegalDataAddress);
        }

        return ModbusResponses.Registers(address, readTable().AsSpan(start, count));
    }
}

namespace Streams.IntegrationTests.Cli;

/// <summary>Raw bus bytes for <c>--replay</c>: what a sniffer hears on a bus where a master polls packs.</summary>
internal static class ReplayCapture
{
    /// <summary>Packs 1 and 2 each asked for registers 0-38 and answering (52.8 V, 16 cells at 3.3 V), with line noise after each.</summary>
    public static byte[] TwoPacks()
    {
        var bytes = new List<byte>();
        foreach (byte address in new byte[] { 1, 2 })
        {
            bytes.AddRange(Devices.Modbus.ModbusReadRequest.Create(address, 0, 39));
            var registers = new ushort[39];
            registers[0] = 5280;
            for (var cell = 2; cell < 18; cell++)
            {
                registers[cell] = 3300;
            }

            registers[24] = 80;
            registers[36] = 16;
            registers[37] = 1000;
            bytes.AddRange(Devices.Modbus.ModbusResponses.Registers(address, registers));
            bytes.AddRange(new byte[] { 0x00, 0xFF, 0x13 });
        }

        return [.. bytes];
    }
}

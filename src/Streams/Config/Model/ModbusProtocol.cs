namespace Streams.Config.Model;

/// <summary>How a Modbus source's bytes travel on its port (<c>protocol:</c>).</summary>
internal enum ModbusProtocol
{
    /// <summary><c>rtu</c> (the default): Modbus RTU, on a serial port or through a transparent converter (<c>tcp://</c>).</summary>
    Rtu,

    /// <summary><c>modbus-tcp</c>: Modbus TCP (MBAP header, transaction ids, no CRC) to a gateway at a <c>tcp://</c> port.</summary>
    ModbusTcp,
}

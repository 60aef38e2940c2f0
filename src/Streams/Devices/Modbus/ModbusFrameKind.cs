namespace Streams.Devices.Modbus;

/// <summary>The three fn 0x03 frame shapes a Modbus RTU bus carries.</summary>
internal enum ModbusFrameKind
{
    /// <summary><c>addr 03 startHi startLo countHi countLo crcLo crcHi</c> (8 bytes), master to slave.</summary>
    Query,

    /// <summary><c>addr 03 byteCount data[byteCount] crcLo crcHi</c> (5 + byteCount bytes), slave to master.</summary>
    Response,

    /// <summary><c>addr 83 code crcLo crcHi</c> (5 bytes, code 1..11), slave to master.</summary>
    Exception,
}

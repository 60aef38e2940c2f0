namespace Streams.Devices.Modbus;

/// <summary>The three RTU shapes a register-read conversation has on the wire.</summary>
public enum ModbusMessageKind
{
    /// <summary><c>addr fn startHi startLo countHi countLo crc crc</c>.</summary>
    Query,

    /// <summary><c>addr fn byteCount data[byteCount] crc crc</c>.</summary>
    Response,

    /// <summary><c>addr fn|0x80 code crc crc</c>.</summary>
    Exception,
}

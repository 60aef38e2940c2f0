namespace Streams.Devices.Modbus;

/// <summary>
/// One decoded Modbus RTU frame of a register read (function 0x03 or 0x04). A query carries
/// <see cref="StartRegister"/> and <see cref="Count"/>; a response carries <see cref="Registers"/>
/// (it does not repeat its start register); an exception carries <see cref="ExceptionCode"/>.
/// </summary>
public sealed record ModbusMessage(
    ModbusMessageKind Kind,
    byte Address,
    byte Function,
    ushort Crc,
    ushort? StartRegister = null,
    ushort? Count = null,
    IReadOnlyList<ushort>? Registers = null,
    byte? ExceptionCode = null);

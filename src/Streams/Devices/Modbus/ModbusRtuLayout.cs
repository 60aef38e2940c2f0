namespace Streams.Devices.Modbus;

/// <summary>
/// Byte layout of the fn 0x03 (read holding registers) frames, after the Modbus application
/// protocol v1.1b3 §6.3 and §7 and the RTU serial line guide (CRC low byte first).
/// </summary>
/// <remarks>
/// <code>
/// query      0 addr | 1 0x03 | 2 startHi | 3 startLo | 4 countHi | 5 countLo | 6 crcLo | 7 crcHi
/// response   0 addr | 1 0x03 | 2 byteCount (= 2 × count) | 3 .. 3+byteCount-1 data (BE words) | crcLo | crcHi
/// exception  0 addr | 1 0x83 | 2 code (1..11) | 3 crcLo | 4 crcHi
/// </code>
/// </remarks>
internal static class ModbusRtuLayout
{
    public const byte ReadHoldingRegisters = 0x03;

    public const byte ReadHoldingRegistersException = ReadHoldingRegisters | ExceptionFlag;

    public const byte ExceptionFlag = 0x80;

    public const int QueryLength = 8;

    public const int ExceptionLength = 5;

    /// <summary>Address, function, byte count and the two CRC bytes around a response's data.</summary>
    public const int ResponseOverhead = 5;

    /// <summary>The spec's limit for fn 0x03: 125 registers, so 250 data bytes.</summary>
    public const int MaxRegisterCount = 125;

    public const int MaxByteCount = 2 * MaxRegisterCount;

    /// <summary>The longest fn 0x03 frame: a 125-register response (255 bytes).</summary>
    public const int MaxFrameLength = ResponseOverhead + MaxByteCount;

    public const byte MinUnitAddress = 1;

    /// <summary>248..255 are reserved and 0 is broadcast, which a read never uses.</summary>
    public const byte MaxUnitAddress = 247;

    public const byte MinExceptionCode = 1;

    public const byte MaxExceptionCode = 11;

    public static bool IsUnitAddress(byte address) => address is >= MinUnitAddress and <= MaxUnitAddress;

    public static bool IsRegisterCount(int count) => count is >= 1 and <= MaxRegisterCount;

    public static bool IsExceptionCode(byte code) => code is >= MinExceptionCode and <= MaxExceptionCode;

    /// <summary>The response length a byte count implies, or 0 when no response has that byte count.</summary>
    public static int ResponseLength(byte byteCount) =>
        byteCount is >= 2 and <= MaxByteCount && (byteCount & 1) == 0 ? ResponseOverhead + byteCount : 0;
}

namespace Streams.Devices.Modbus;

/// <summary>
/// Byte layout of a Modbus TCP frame (the MBAP header and a PDU), after the Modbus Messaging on
/// TCP/IP Implementation Guide v1.0b §3.1.3. There is no CRC: TCP checks the bytes.
/// </summary>
/// <remarks>
/// <code>
/// 0 transactionHi | 1 transactionLo | 2 protocolHi (0) | 3 protocolLo (0) | 4 lengthHi | 5 lengthLo | 6 unit id | 7 .. PDU
/// length = 1 (unit id) + the PDU's length
/// </code>
/// The unit id and PDU are exactly an RTU frame without its CRC, so a frame is the RTU frame's
/// length + 4 (<see cref="RtuOverhead"/>): a read query is 12 bytes, a response 9 + byte count, an
/// exception 9.
/// </remarks>
internal static class ModbusTcpLayout
{
    /// <summary>Transaction id, protocol id and length: the bytes the length field does not count.</summary>
    public const int PrefixLength = 6;

    /// <summary>The prefix and the unit id.</summary>
    public const int HeaderLength = PrefixLength + 1;

    /// <summary>The smallest length field: a unit id and a function code.</summary>
    public const int MinLengthField = 2;

    /// <summary>The largest length field: a unit id and the spec's longest PDU, 253 bytes.</summary>
    public const int MaxLengthField = 254;

    public const int MaxFrameLength = PrefixLength + MaxLengthField;

    /// <summary>A Modbus TCP frame is this much longer than the RTU frame with the same unit id and PDU.</summary>
    public const int RtuOverhead = PrefixLength - 2;

    public const int QueryLength = ModbusRtuLayout.QueryLength + RtuOverhead;
}

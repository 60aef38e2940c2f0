using System.Buffers.Binary;

namespace Streams.Devices.Modbus;

/// <summary>
/// Builds Modbus TCP frames from the RTU frame model: the same unit id and PDU, behind an MBAP
/// header instead of before a CRC (see <see cref="ModbusTcpLayout"/>).
/// </summary>
internal static class ModbusTcpAdu
{
    /// <summary>
    /// <c>transactionHi transactionLo 00 00 lengthHi lengthLo unit PDU</c> for the RTU frame
    /// <paramref name="rtuFrame"/> (its last two bytes, the CRC, are dropped unchecked).
    /// </summary>
    /// <exception cref="ArgumentException">The frame is shorter than a unit id, a function code and a CRC, or longer than an RTU frame can be.</exception>
    public static byte[] FromRtu(ushort transactionId, ReadOnlySpan<byte> rtuFrame)
    {
        var lengthField = rtuFrame.Length - 2;
        if (lengthField is < ModbusTcpLayout.MinLengthField or > ModbusTcpLayout.MaxLengthField)
        {
            throw new ArgumentException($"An RTU frame of {rtuFrame.Length} bytes has no Modbus TCP form (4..256 bytes).", nameof(rtuFrame));
        }

        var frame = new byte[rtuFrame.Length + ModbusTcpLayout.RtuOverhead];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)lengthField);
        rtuFrame[..lengthField].CopyTo(frame.AsSpan(ModbusTcpLayout.PrefixLength));
        return frame;
    }

    /// <summary>The fn 0x03 read: <c>transaction 00 00 00 06 unit 03 startHi startLo countHi countLo</c> (12 bytes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is not 1..247, the count not 1..125, or the registers run past 0xFFFF.</exception>
    public static byte[] ReadRequest(ushort transactionId, byte address, ushort startRegister, ushort registerCount) =>
        FromRtu(transactionId, ModbusReadRequest.Create(address, startRegister, registerCount));
}

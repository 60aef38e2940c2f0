using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary>The registers of a matched fn 0x03 reply, or the device error an exception reply means.</summary>
internal static class ModbusReplies
{
    public static DecodeResult<ushort[]> Registers(ModbusFrame reply) => reply.Kind switch
    {
        ModbusFrameKind.Response => reply.GetRegisters(),
        ModbusFrameKind.Exception => new DecodeError(
            DecodeErrorKind.DeviceError,
            $"pack 0x{reply.Address:X2} answered with Modbus exception {reply.ExceptionCode} ({ExceptionName(reply.ExceptionCode)})"),
        _ => new DecodeError(DecodeErrorKind.UnexpectedReply, $"frame for address {reply.Address} is a query, not a response"),
    };

    private static string ExceptionName(byte code) => code switch
    {
        1 => "illegal function",
        2 => "illegal data address",
        3 => "illegal data value",
        4 => "slave device failure",
        5 => "acknowledge",
        6 => "slave device busy",
        _ => "unknown code",
    };
}

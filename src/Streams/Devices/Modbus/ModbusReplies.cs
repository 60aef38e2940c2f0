using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary>The registers of a matched fn 0x03 reply, or the device error an exception reply means.</summary>
internal static class ModbusReplies
{
    public static DecodeResult<ushort[]> Registers(ModbusFrame reply) =>
        reply.Kind == ModbusFrameKind.Response
            ? reply.GetRegisters()
            : new DecodeError(
                DecodeErrorKind.DeviceError,
                $"pack 0x{reply.Address:X2} answered with Modbus exception {reply.ExceptionCode} ({ExceptionName(reply.ExceptionCode)})");

    private static string ExceptionName(byte code) => code switch
    {
        1 => "illegal function",
        2 => "illegal data address",
        3 => "illegal data value",
        4 => "slave device failure",
        5 => "acknowledge",
        6 => "slave device busy",
        10 => "gateway path unavailable",
        11 => "gateway target device failed to respond",
        _ => "unknown code",
    };
}

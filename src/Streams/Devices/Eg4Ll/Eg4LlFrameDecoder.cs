using Streams.Core;
using Streams.Devices.Modbus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// Decodes whole Modbus RTU response frames from an EG4-LL pack: checks the CRC and shape, then
/// hands the registers to <see cref="Eg4LlDecoder"/>. A response does not say where its read
/// started, so the caller says what it asked for.
/// </summary>
public static class Eg4LlFrameDecoder
{
    /// <summary>A response to a read of ≥ 39 registers at register 0.</summary>
    public static DecodeResult<Eg4LlStatus> DecodeStatus(ReadOnlySpan<byte> frame)
    {
        var response = ReadResponse(frame);
        return response.TryGetValue(out var message, out var error)
            ? Eg4LlDecoder.DecodeStatus(message.Registers, 0, message.Address)
            : error;
    }

    /// <summary>A response to a read of 23 registers at register 105.</summary>
    public static DecodeResult<Eg4LlIdentity> DecodeIdentity(ReadOnlySpan<byte> frame)
    {
        var response = ReadResponse(frame);
        return response.TryGetValue(out var message, out var error)
            ? Eg4LlDecoder.DecodeIdentity(message.Registers, Eg4LlRegisterMap.IdentityStart)
            : error;
    }

    private static DecodeResult<(byte Address, ushort[] Registers)> ReadResponse(ReadOnlySpan<byte> frame)
    {
        var decoded = ModbusMessageDecoder.Decode(frame);
        if (!decoded.TryGetValue(out var message, out var error))
        {
            return error;
        }

        return message.Kind switch
        {
            ModbusMessageKind.Exception => new DecodeError(
                DecodeErrorKind.DeviceError,
                $"pack at address {message.Address} answered with Modbus exception {message.ExceptionCode}"),
            ModbusMessageKind.Query => new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"frame for address {message.Address} is a query, not a response"),
            _ when message.Function != ModbusFrameBuilder.ReadHoldingRegistersFunction => new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"EG4-LL replies to function 0x03, this response is function 0x{message.Function:X2}"),
            _ => (message.Address, message.Registers as ushort[] ?? [.. message.Registers!]),
        };
    }
}

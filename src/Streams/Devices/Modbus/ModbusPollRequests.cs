using Streams.Polling;

namespace Streams.Devices.Modbus;

/// <summary>The fn 0x03 request a poller sends and how it recognises its reply.</summary>
internal static class ModbusPollRequests
{
    /// <summary>fn 0x03: a response from the address with exactly the registers asked for, or an exception from it.</summary>
    public static PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port)
    {
        var bytes = ModbusReadRequest.Create(address, start, count);
        return new PollRequest<ModbusFrame>(
            bytes,
            frame => frame.Kind switch
            {
                ModbusFrameKind.Response when frame.Address == address && frame.RegisterCount == count => ReplyMatch.Reply,
                ModbusFrameKind.Exception when frame.Address == address => ReplyMatch.Reply,
                ModbusFrameKind.Query when frame.Bytes.Span.SequenceEqual(bytes) => ReplyMatch.Echo,
                _ => ReplyMatch.Foreign,
            },
            $"read of registers {start}-{start + count - 1} from 0x{address:X2} on {port}");
    }
}

using Streams.Polling;

namespace Streams.Devices.Modbus;

/// <summary>The fn 0x03 request a poller sends and how it recognises its reply, on RTU and through a Modbus TCP gateway.</summary>
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
            Describe(address, start, count, port));
    }

    /// <summary>
    /// fn 0x03 through a Modbus TCP gateway: as <see cref="Read"/>, and the reply must carry the
    /// request's <paramref name="transaction"/> id. A reply to an earlier request that timed out
    /// carries an older id and is foreign, where on RTU it would look like the answer to the next read.
    /// </summary>
    public static PollRequest<ModbusFrame> ReadOverTcp(ushort transaction, byte address, ushort start, ushort count, string port) =>
        new(
            ModbusTcpAdu.ReadRequest(transaction, address, start, count),
            frame => frame.TransactionId == transaction && frame.Address == address && frame.Kind switch
            {
                ModbusFrameKind.Response => frame.RegisterCount == count,
                ModbusFrameKind.Exception => true,
                _ => false,
            }
                ? ReplyMatch.Reply
                : ReplyMatch.Foreign,
            Describe(address, start, count, port));

    /// <summary>What a read asks for; no transaction id, because failure categories start with it.</summary>
    private static string Describe(byte address, ushort start, ushort count, string port) =>
        $"read of registers {start}-{start + count - 1} from 0x{address:X2} on {port}";
}

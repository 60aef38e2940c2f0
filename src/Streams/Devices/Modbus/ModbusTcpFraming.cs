using Streams.Framing;
using Streams.Polling;
using Streams.Transports.Capture;

namespace Streams.Devices.Modbus;

/// <summary>
/// Modbus TCP on a link (see <see cref="ModbusFraming"/>): MBAP frames, each request with the next
/// transaction id, and its reply known by that id, the unit id (the pack's address) and the
/// register count. A reply to an earlier request that timed out carries an older id and is
/// counted as foreign, where on RTU it would look like the answer to the next read.
/// </summary>
internal sealed class ModbusTcpFraming : ModbusFraming
{
    private int _lastTransaction;

    public override string Name => "Modbus TCP";

    internal override CaptureTranslation? CaptureAs => ModbusTcpCapture.AsRtu;

    public override IObservable<ModbusFrame> Frames(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        chunks.FrameModbusTcp(counters);

    public override PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port)
    {
        // Wraps after 65 535 requests, which is fine: only the outstanding one has to differ from the last few.
        var transaction = (ushort)Interlocked.Increment(ref _lastTransaction);
        return new PollRequest<ModbusFrame>(
            ModbusTcpAdu.ReadRequest(transaction, address, start, count),
            frame => Matches(frame, transaction, address, count) ? ReplyMatch.Reply : ReplyMatch.Foreign,
            Describe(address, start, count, port));
    }

    private static bool Matches(ModbusFrame frame, ushort transaction, byte address, ushort count) =>
        frame.TransactionId == transaction
        && frame.Address == address
        && frame.Kind switch
        {
            ModbusFrameKind.Response => frame.RegisterCount == count,
            ModbusFrameKind.Exception => true,
            _ => false,
        };
}

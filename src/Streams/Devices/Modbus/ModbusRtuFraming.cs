using Streams.Framing;
using Streams.Polling;

namespace Streams.Devices.Modbus;

/// <summary>
/// Modbus RTU on a link (see <see cref="ModbusFraming"/>): frames found by the CRC scan, the same
/// request every time, its reply known by address and register count, and our own request read
/// back (adapters that echo) ignored.
/// </summary>
internal sealed class ModbusRtuFraming : ModbusFraming
{
    public override string Name => "Modbus RTU";

    public override IObservable<ModbusFrame> Frames(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        chunks.FrameModbusRtu(ModbusScanOptions.Sniffing, counters);

    public override PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port)
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
}

using Streams.Framing;
using Streams.Polling;
using Streams.Transports.Capture;

namespace Streams.Devices.Modbus;

/// <summary>
/// Modbus TCP on a link (see <see cref="ModbusWire"/>): MBAP frames, each request with the next
/// transaction id (<see cref="ModbusPollRequests.ReadOverTcp"/>), and the capture in RTU form.
/// </summary>
internal sealed class ModbusTcpWire : ModbusWire
{
    private int _lastTransaction;

    public override string Name => "Modbus TCP";

    public override CaptureTranslation? CaptureAs => ModbusTcpCapture.AsRtu;

    public override IObservable<ModbusFrame> Frames(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        chunks.FrameModbusTcp(counters);

    // Wraps after 65 535 requests, which is fine: only the outstanding one has to differ from the last few.
    public override PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port) =>
        ModbusPollRequests.ReadOverTcp((ushort)Interlocked.Increment(ref _lastTransaction), address, start, count, port);
}

using System.Reactive.Linq;
using Streams.Transports.Capture;

namespace Streams.Devices.Modbus;

/// <summary>
/// <c>--capture</c> on a Modbus TCP gateway records what the gateway puts on its RS-485 bus: every
/// request and every reply in RTU form (unit id, PDU, CRC), so <c>--replay</c> and the sniffer read
/// it like the capture of a serial port.
/// </summary>
internal static class ModbusTcpCapture
{
    public static CaptureTranslation AsRtu { get; } = new(Written, Received);

    /// <summary>A request in RTU form; bytes that are not one Modbus TCP frame are recorded as they are (nothing is hidden).</summary>
    private static ReadOnlyMemory<byte> Written(ReadOnlySpan<byte> request) =>
        ModbusTcpFramer.TryRead(request, endOfStream: true, out _, out var bounds, out var kind) && bounds.Start == 0 && bounds.Length == request.Length
            ? ModbusFrame.FromModbusTcp(0, request[ModbusTcpLayout.PrefixLength..], kind).Bytes
            : request.ToArray();

    private static IObservable<ReadOnlyMemory<byte>> Received(IObservable<ReadOnlyMemory<byte>> chunks) =>
        chunks.FrameModbusTcp().Select(frame => frame.Bytes);
}

using Streams.Framing;
using Streams.Polling;

namespace Streams.Devices.Modbus;

/// <summary>Modbus RTU on a link (see <see cref="ModbusWire"/>): the CRC scan, and the same request every time.</summary>
internal sealed class ModbusRtuWire : ModbusWire
{
    public override string Name => "Modbus RTU";

    public override IObservable<ModbusFrame> Frames(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters) =>
        chunks.FrameModbusRtu(counters);

    public override PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port) =>
        ModbusPollRequests.Read(address, start, count, port);
}

using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>The framing operator for Modbus RTU.</summary>
internal static class ModbusFraming
{
    /// <summary>
    /// Fn 0x03 Modbus RTU queries, responses and exceptions (see <see cref="ModbusRtuScanner"/>) in
    /// received bytes cut anywhere.
    /// </summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame, discarded-byte and CRC-failure counts; may be shared.</param>
    public static IObservable<ModbusFrame> FrameModbusRtu(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null) =>
        chunks.Frame(static () => new ModbusChunkFramer(), counters);
}

using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>The framing operators for Modbus RTU and Modbus TCP.</summary>
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

    /// <summary>
    /// Fn 0x03 Modbus TCP frames (queries, responses, exceptions; see <see cref="ModbusTcpFramer"/>),
    /// each in the RTU frame model with its <see cref="ModbusFrame.TransactionId"/>. A fresh framer
    /// per subscription: frame each connection on its own.
    /// </summary>
    /// <param name="chunks">The bytes of one connection, cut anywhere.</param>
    /// <param name="counters">Receives frame and discarded-byte counts; may be shared.</param>
    public static IObservable<ModbusFrame> FrameModbusTcp(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null) =>
        chunks.Frame(static () => new ModbusTcpChunkFramer(), counters);
}

using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>The Rx operator over <see cref="ModbusTcpFramer"/>.</summary>
public static class ModbusTcpFramingExtensions
{
    /// <summary>
    /// Fn 0x03 Modbus TCP frames (queries, responses, exceptions), each in the RTU frame model with
    /// its <see cref="ModbusFrame.TransactionId"/>. A fresh framer per subscription: frame each
    /// connection on its own. Garbage is skipped and counted, never thrown.
    /// </summary>
    /// <param name="chunks">The bytes of one connection, cut anywhere.</param>
    /// <param name="counters">Receives frame and discarded-byte counts; may be shared.</param>
    public static IObservable<ModbusFrame> FrameModbusTcp(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return FramingExtensions.Frame(chunks, static () => new ModbusTcpChunkFramer(), counters ?? new FramingCounters());
    }
}

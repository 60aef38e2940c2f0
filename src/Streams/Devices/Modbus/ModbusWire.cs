using Streams.Framing;
using Streams.Polling;
using Streams.Transports.Capture;

namespace Streams.Devices.Modbus;

/// <summary>
/// How Modbus reads travel on a link, the one thing that differs between a serial port or a
/// transparent converter (<see cref="Rtu"/>: a CRC, frames found by scanning) and a Modbus TCP
/// gateway (<see cref="Tcp"/>: an MBAP header, transaction ids, no CRC). Each supplies the framer,
/// the request (with how to tell its reply, from <see cref="ModbusPollRequests"/>) and the capture
/// form; the rest is shared: every frame is a <see cref="ModbusFrame"/> in the RTU frame model, so
/// register decoding, bus sessions, timeouts and counters do not know which one is in use.
/// </summary>
internal abstract class ModbusWire
{
    private protected ModbusWire()
    {
    }

    /// <summary>Modbus RTU: a serial port, or a converter that passes the bus's bytes through TCP.</summary>
    public static ModbusWire Rtu { get; } = new ModbusRtuWire();

    /// <summary>A Modbus TCP gateway's wire for one bus; it numbers that bus's transactions.</summary>
    public static ModbusWire Tcp() => new ModbusTcpWire();

    /// <summary><c>Modbus RTU</c> or <c>Modbus TCP</c>, for messages.</summary>
    public abstract string Name { get; }

    /// <summary>Cuts received chunks into frames; a fresh framer per subscription, so subscribe once per connection.</summary>
    public abstract IObservable<ModbusFrame> Frames(IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters counters);

    /// <summary>
    /// One fn 0x03 read of <paramref name="count"/> registers from <paramref name="start"/> at
    /// <paramref name="address"/>. Make one per exchange: a Modbus TCP request carries a new
    /// transaction id each time.
    /// </summary>
    /// <param name="port">Where the bus is, for the request's description.</param>
    public abstract PollRequest<ModbusFrame> Read(byte address, ushort start, ushort count, string port);

    /// <summary>How <c>--capture</c> records this wire's traffic: null for RTU (the bytes as they are), the RTU form of each frame for Modbus TCP.</summary>
    public virtual CaptureTranslation? CaptureAs => null;

    public override string ToString() => Name;
}

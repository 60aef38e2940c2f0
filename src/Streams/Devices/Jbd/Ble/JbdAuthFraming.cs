using Streams.Framing;

namespace Streams.Devices.Jbd.Ble;

/// <summary>The framing operator for the JBD BLE password handshake, beside <see cref="JbdFraming.FrameJbd"/>.</summary>
internal static class JbdAuthFraming
{
    /// <summary>
    /// <c>FF AA …</c> handshake frames (see <see cref="JbdAuthFramer"/>) in received notifications;
    /// DD … 77 frames and noise are skipped and counted as discarded.
    /// <code>
    /// chunks : -[FF AA 17]-[01 61 79 DD 03 …]-
    /// frames : ------------[0x17: 61]---------
    /// </code>
    /// </summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame and discarded-byte counts; may be shared.</param>
    public static IObservable<JbdAuthFrame> FrameJbdAuth(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null) =>
        chunks.Frame(static () => new JbdAuthChunkFramer(), counters);
}

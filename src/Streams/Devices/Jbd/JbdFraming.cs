using Streams.Framing;

namespace Streams.Devices.Jbd;

/// <summary>The framing operator for the JBD "DD … 77" protocol.</summary>
internal static class JbdFraming
{
    /// <summary>
    /// JBD "DD … 77" frames (responses and read/write requests, see <see cref="JbdFramer"/>), e.g.
    /// from 20-byte BLE notifications: several frames per chunk or one frame over many chunks.
    /// </summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame, discarded-byte and checksum-failure counts; may be shared.</param>
    public static IObservable<JbdFrame> FrameJbd(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null) =>
        chunks.Frame(static () => new JbdChunkFramer(), counters);
}

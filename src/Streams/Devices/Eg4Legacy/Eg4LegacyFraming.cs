using Streams.Framing;

namespace Streams.Devices.Eg4Legacy;

/// <summary>The framing operator for the EG4 LifePower (v1) "7E … 0D" protocol.</summary>
internal static class Eg4LegacyFraming
{
    /// <summary>EG4 LifePower (v1) "7E … 0D" requests and replies (see <see cref="Eg4LegacyFramer"/>).</summary>
    /// <param name="chunks">Received bytes, cut anywhere.</param>
    /// <param name="counters">Receives frame and discarded-byte counts; may be shared.</param>
    public static IObservable<Eg4LegacyFrame> FrameEg4Legacy(this IObservable<ReadOnlyMemory<byte>> chunks, FramingCounters? counters = null) =>
        chunks.Frame(static () => new Eg4LegacyChunkFramer(), counters);
}

namespace Streams.Transports.Capture;

/// <summary>The form in which a request is written to the capture file.</summary>
internal delegate ReadOnlyMemory<byte> WrittenAsCaptured(ReadOnlySpan<byte> written);

/// <summary>
/// How a link whose bytes are not the bus's own (a Modbus TCP gateway's MBAP frames) is recorded, so
/// a capture always holds what the bus carried and <c>--replay</c> reads it like any other.
/// </summary>
/// <param name="Written">A request as the bus would carry it.</param>
/// <param name="Received">The link's received chunks as the bus would carry them (stateful: one per subscription).</param>
internal sealed record CaptureTranslation(
    WrittenAsCaptured Written,
    Func<IObservable<ReadOnlyMemory<byte>>, IObservable<ReadOnlyMemory<byte>>> Received);

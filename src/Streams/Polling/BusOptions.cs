namespace Streams.Polling;

/// <summary>One serial bus as an active poller drives it.</summary>
/// <param name="Port">The serial device path, for messages.</param>
/// <param name="Timeout">How long to wait for one reply.</param>
/// <param name="PollInterval">Target period of one full round over the bus's devices, from cycle start.</param>
/// <param name="InterFrameGap">Silence kept between a reply and the next request.</param>
/// <param name="CapturePath">Capture file for the raw bytes of this bus (before <see cref="PollerOptions.CapturePath"/>), or null.</param>
internal sealed record BusOptions(string Port, TimeSpan Timeout, TimeSpan PollInterval, TimeSpan InterFrameGap, string? CapturePath);

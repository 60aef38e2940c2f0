namespace Streams.Transports.Serial;

/// <summary>
/// Kernel-driven RS-485 direction control (<c>TIOCSRS485</c>) for adapters whose driver supports
/// it. Most USB RS-485 adapters switch direction in hardware and need none of this.
/// </summary>
/// <param name="RtsOnSend">Drive RTS high while sending (else low).</param>
/// <param name="DelayBeforeSendMilliseconds">RTS set-up time before the first bit.</param>
/// <param name="DelayAfterSendMilliseconds">RTS hold time after the last bit.</param>
internal sealed record Rs485Settings(
    bool RtsOnSend = true,
    int DelayBeforeSendMilliseconds = 0,
    int DelayAfterSendMilliseconds = 0);

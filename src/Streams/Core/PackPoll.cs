namespace Streams.Core;

/// <summary>
/// The result of polling one pack once: exactly one per pack per poll cycle, a failure included
/// (timeout, decode error, port disconnected), so that health and availability see every cycle.
/// </summary>
/// <param name="Device">The pack, with whatever model/firmware/serial it has told so far.</param>
/// <param name="Outcome">Success, or the failure with its category.</param>
/// <param name="Reading">The decoded reading; non-null exactly when <paramref name="Outcome"/> succeeded.</param>
/// <param name="At">When the poll finished (the injected scheduler's clock).</param>
internal sealed record PackPoll(DeviceInfo Device, PollOutcome Outcome, Reading? Reading, DateTimeOffset At)
{
    public static PackPoll Success(Reading reading) =>
        new(reading.Device, PollOutcome.Success, reading, reading.Timestamp);

    public static PackPoll Failure(DeviceInfo device, PollOutcome outcome, DateTimeOffset at) =>
        outcome.Succeeded
            ? throw new ArgumentException("A failed poll needs a failed outcome.", nameof(outcome))
            : new(device, outcome, null, at);

    public override string ToString() => $"{Device.Name}: {Outcome}";
}

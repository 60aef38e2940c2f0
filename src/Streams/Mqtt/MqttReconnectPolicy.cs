namespace Streams.Mqtt;

/// <summary>
/// Timing of reconnect attempts: exponential backoff with jitter for lost or failed connections,
/// and a fixed slow retry when the broker refuses the client (bad credentials, not authorised,
/// TLS trust failure), so a misconfiguration never turns into a hot loop.
/// </summary>
internal sealed record MqttReconnectPolicy
{
    /// <summary>Delay before the first retry after a failure.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Cap of the exponential delay, and so the longest a returning broker waits for the bridge.
    /// Kept short on purpose: with a 60 s cap a flapping broker (outages of 2 s and 8.5 s, never up
    /// for <see cref="StableAfter"/> in between) got its data back only 23.9 s and 49.7 s after it
    /// returned. One TCP connect every 5 s to a broker that is down costs nothing; refusals, which
    /// need a configuration change, wait <see cref="RefusedRetryDelay"/> instead.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public double Multiplier { get; init; } = 2.0;

    /// <summary>
    /// Fraction of the delay that jitter may take away (0..1). With a jitter sample s in [0, 1) the
    /// delay is <c>d × (1 − Jitter × s)</c>: spread out, never above the cap.
    /// </summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>
    /// A connection that lasted this long counts as stable, and the backoff starts over at
    /// <see cref="InitialDelay"/>. Resetting right at CONNACK would make a broker that accepts and
    /// then kicks (takeover, mTLS) a loop at the fastest pace instead of <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry delay after a refusal that needs a configuration change (CONNACK 1, 2, 4, 5; TLS trust).</summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A one-shot caller (<c>--replay</c>, <c>streams migrate</c>) gives up at a CONNACK refusal
    /// (<c>ConnectAsync</c> throws it) and says so in its own words: the supervision then logs that
    /// refusal at debug, so the user reads one line, not also a "retrying every 60 s" that will not
    /// happen. A TLS failure does not end the wait, so it is still logged.
    /// </summary>
    public bool CallerReportsRefusals { get; init; }

    /// <summary>The delay after <paramref name="consecutiveFailures"/> (≥ 1) failed attempts in a row.</summary>
    public TimeSpan DelayAfter(int consecutiveFailures, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        if (jitterSample is < 0 or >= 1 || double.IsNaN(jitterSample))
        {
            throw new ArgumentOutOfRangeException(nameof(jitterSample), jitterSample, "jitter sample must be in [0, 1)");
        }

        var exponential = InitialDelay.Ticks * Math.Pow(Multiplier, consecutiveFailures - 1);
        var capped = Math.Min(exponential, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (1 - (Jitter * jitterSample))));
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason when the policy makes no sense.</summary>
    public void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentException($"reconnect delays must satisfy 0 < initial ({InitialDelay}) <= max ({MaxDelay})");
        }

        if (Multiplier < 1 || double.IsNaN(Multiplier))
        {
            throw new ArgumentException($"reconnect multiplier must be >= 1, got {Multiplier}");
        }

        if (Jitter is < 0 or > 1 || double.IsNaN(Jitter))
        {
            throw new ArgumentException($"reconnect jitter must be within 0..1, got {Jitter}");
        }

        if (RefusedRetryDelay <= TimeSpan.Zero || StableAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("reconnect refused-retry delay must be positive and stable-after not negative");
        }
    }
}

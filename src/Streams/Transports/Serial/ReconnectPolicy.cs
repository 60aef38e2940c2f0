namespace Streams.Transports.Serial;

/// <summary>
/// Exponential backoff between open attempts: <see cref="InitialDelay"/> after the first failure,
/// multiplied by <see cref="Multiplier"/> per further consecutive failure, never above
/// <see cref="MaxDelay"/>. A successful open starts again at <see cref="InitialDelay"/>.
/// </summary>
internal sealed record ReconnectPolicy
{
    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _maxDelay;
    private readonly double _multiplier;

    /// <exception cref="ArgumentException">Non-positive delay, max below initial, or multiplier below 1 (one-line message).</exception>
    public ReconnectPolicy(TimeSpan initialDelay, TimeSpan maxDelay, double multiplier = 2.0)
    {
        InitialDelay = initialDelay;
        MaxDelay = maxDelay >= initialDelay
            ? maxDelay
            : throw new ArgumentException($"Reconnect max delay {maxDelay} is below the initial delay {initialDelay}");
        Multiplier = multiplier;
    }

    /// <summary>1 s, 2 s, 4 s, ... capped at 30 s.</summary>
    public static ReconnectPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        init => _initialDelay = value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"Reconnect initial delay must be positive, was {value}");
    }

    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"Reconnect max delay must be positive, was {value}");
    }

    public double Multiplier
    {
        get => _multiplier;
        init => _multiplier = value >= 1.0 && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"Reconnect multiplier must be a finite number >= 1, was {value}");
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> (1-based) since the last successful open.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = InitialDelay.Ticks * Math.Pow(Multiplier, attempt - 1);
        return ticks < MaxDelay.Ticks ? TimeSpan.FromTicks((long)ticks) : MaxDelay;
    }
}

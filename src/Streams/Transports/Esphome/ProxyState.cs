namespace Streams.Transports.Esphome;

/// <summary>Where one proxy's API connection stands.</summary>
internal abstract record ProxyState
{
    private ProxyState()
    {
    }

    /// <summary>An attempt is under way.</summary>
    public sealed record Connecting : ProxyState;

    /// <summary>Set up and live.</summary>
    public sealed record Up(ProxySession Session) : ProxyState;

    /// <summary>Lost or unreachable; the next attempt follows after <paramref name="RetryIn"/>.</summary>
    public sealed record Down(Exception Reason, TimeSpan RetryIn) : ProxyState;
}

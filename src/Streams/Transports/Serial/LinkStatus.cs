namespace Streams.Transports.Serial;

/// <summary>What a reconnecting serial link reports (see <see cref="SerialLinks.Reconnecting"/>).</summary>
internal abstract record LinkStatus
{
    private LinkStatus()
    {
    }

    /// <summary>The port opened; <paramref name="Link"/> is live until the next <see cref="Disconnected"/>.</summary>
    public sealed record Connected(ISerialLink Link) : LinkStatus
    {
        public override string ToString() => $"connected {Link.Path}";
    }

    /// <summary>
    /// Not connected: an open attempt failed (<see cref="SerialPortOpenException"/>), or the live link
    /// was lost (<see cref="SerialDisconnectedException"/>). Always followed by <see cref="RetryIn"/>.
    /// </summary>
    public sealed record Disconnected(Exception Reason) : LinkStatus
    {
        public override string ToString() => $"disconnected: {Reason.Message}";
    }

    /// <summary>The next open attempt, retry number <paramref name="Attempt"/> since the last successful open, runs after <paramref name="Delay"/>.</summary>
    public sealed record RetryIn(TimeSpan Delay, int Attempt) : LinkStatus
    {
        public override string ToString() => $"retry #{Attempt} in {Delay}";
    }
}

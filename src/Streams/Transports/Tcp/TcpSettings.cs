namespace Streams.Transports.Tcp;

/// <summary>How to reach one network serial converter and how long to wait for it.</summary>
/// <param name="Endpoint">Where it listens.</param>
internal sealed record TcpSettings(TcpEndpoint Endpoint)
{
    private readonly TimeSpan _connectTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeSpan _writeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest one connect attempt (name lookup included) may take; the attempt runs on the
    /// reconnect loop's scheduler, so it must be bounded. Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        init => _connectTimeout = Positive(value, nameof(ConnectTimeout));
    }

    /// <summary>
    /// The longest a write may wait for room in the send buffer (a converter that stopped reading).
    /// A write that times out may have sent part of a request, so it also drops the link. Default 2 s.
    /// </summary>
    public TimeSpan WriteTimeout
    {
        get => _writeTimeout;
        init => _writeTimeout = Positive(value, nameof(WriteTimeout));
    }

    public TcpKeepAlive KeepAlive { get; init; } = TcpKeepAlive.Default;

    public override string ToString() => $"{Endpoint} (connect timeout {ConnectTimeout.TotalSeconds:0.###} s, {KeepAlive})";

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(10)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be above 0 and at most 10 minutes.");
}

namespace Streams.Transports.Esphome;

/// <summary>Bounds of each step of connecting to one device through a proxy.</summary>
internal sealed record EsphomeBleLinkOptions
{
    /// <summary>How long to wait for a live API connection to the proxy.</summary>
    public TimeSpan ProxyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for the proxy to hear the device advertise (it brings the address type a connect needs).</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the proxy may take to connect (ESPHome's own clients allow 20 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Bound of service discovery, the CCCD write and the notify registration, each.</summary>
    public TimeSpan GattTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a disconnect waits for the proxy to confirm (so the slot is free for the next connect).</summary>
    public TimeSpan DisconnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

using Serilog;
using Streams.Transports.Serial;

namespace Streams.Transports.Esphome;

/// <summary>How one proxy's API connection is kept: timings, reconnect backoff, log.</summary>
internal sealed record EsphomeProxyOptions(ILogger Log)
{
    /// <summary>How we introduce ourselves in the HelloRequest (the proxy logs it).</summary>
    public string ClientInfo { get; init; } = "streams";

    /// <summary>Bound of connecting, the handshake, hello and device info.</summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A ping after this long without any message from the proxy.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The link counts as dead after this long without any message (so a Wi-Fi drop is noticed within it).</summary>
    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Waits between reconnects: 1 s, 2 s, 4 s … 60 s; a connection that came up starts again at 1 s.</summary>
    public ReconnectPolicy Reconnect { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
}

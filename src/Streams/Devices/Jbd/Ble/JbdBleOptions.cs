using Streams.Core;

namespace Streams.Devices.Jbd.Ble;

/// <summary>One JBD BMS over Bluetooth LE as its poller drives it.</summary>
/// <param name="Name">The BMS's name (the stable identity).</param>
/// <param name="Mac">Its address, <c>AA:BB:CC:DD:EE:FF</c>.</param>
/// <param name="Password">For dongles that want the <c>FF AA</c> handshake, or null.</param>
/// <param name="AllowControl">Whether switch commands are acted on (otherwise they are refused, logged).</param>
/// <param name="Timeout">How long to wait for one reply.</param>
/// <param name="PollInterval">Poll period, from cycle start.</param>
internal sealed record JbdBleOptions(string Name, string Mac, Secret? Password, bool AllowControl, TimeSpan Timeout, TimeSpan PollInterval)
{
    /// <summary>Bound of one connection attempt (discovery, connect, services, notify).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause after subscribing to notifications before the first request, as the seed makes.</summary>
    public TimeSpan NotifySettle { get; init; } = TimeSpan.FromMilliseconds(300);
}

using Streams.Core;

namespace Streams.Config.Model;

/// <summary><c>kind: jbd-ble</c>: one JBD / Xiaoxiang BMS over Bluetooth LE, through BlueZ or an ESPHome Bluetooth proxy.</summary>
/// <param name="Mac">Device address, upper case <c>AA:BB:CC:DD:EE:FF</c>.</param>
/// <param name="Name">The BMS's name (same rules and uniqueness as a pack name).</param>
/// <param name="Adapter">BlueZ adapter, e.g. <c>hci0</c> (the default); unused through a proxy.</param>
/// <param name="Password">Password for dongles that want the <c>FF AA</c> handshake, or null.</param>
/// <param name="AllowControl">When true, MOSFET switches are exposed and commands are acted on;
/// default false (read-only).</param>
/// <param name="Timeout">How long to wait for one reply; default 5 s.</param>
/// <param name="PollInterval">Poll period; default 10 s.</param>
internal sealed record JbdBleSourceConfig(
    string Mac,
    string Name,
    string Adapter,
    Secret? Password,
    bool AllowControl,
    TimeSpan Timeout,
    TimeSpan PollInterval) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "jbd-ble";

    public override string Kind => KindName;

    /// <summary>The ESPHome proxy the BMS is reached through (<c>via: esphome</c>); null: the local BlueZ adapter.</summary>
    public EsphomeProxyConfig? Proxy { get; init; }
}

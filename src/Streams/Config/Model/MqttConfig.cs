using Streams.Core;
using Streams.Mqtt;

namespace Streams.Config.Model;

/// <summary>The MQTT broker and Home Assistant discovery settings. Absent from the file: readings go to the console.</summary>
/// <param name="Host">Broker host name or address.</param>
/// <param name="Port">Broker port; default 1883, or 8883 with TLS.</param>
/// <param name="Username">User name, or null for anonymous.</param>
/// <param name="Password">Password (from <c>password</c> or the first line of <c>password_file</c>), or null.</param>
/// <param name="ClientId">MQTT client id; default <c>streams</c>.</param>
/// <param name="KeepAlive">MQTT keepalive, whole seconds, 5 s..65535 s; default 20 s (a frozen broker is noticed within it).</param>
/// <param name="DiscoveryPrefix">Home Assistant discovery prefix; default <c>homeassistant</c>.</param>
/// <param name="BaseTopic">Root of the bridge's own state, availability and command topics; default <c>streams</c>.</param>
/// <param name="Discovery">Device-based (the default) or per-entity discovery.</param>
/// <param name="Tls">TLS settings, or null for plain TCP.</param>
/// <param name="Protocol">MQTT 3.1.1 (the default) or 5.</param>
public sealed record MqttConfig(
    string Host,
    int Port,
    string? Username,
    Secret? Password,
    string ClientId,
    TimeSpan KeepAlive,
    string DiscoveryPrefix,
    string BaseTopic,
    DiscoveryMode Discovery,
    MqttTlsConfig? Tls,
    MqttProtocol Protocol = MqttProtocol.V311);

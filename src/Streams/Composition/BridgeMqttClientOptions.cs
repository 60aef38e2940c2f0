using System.Text;
using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.Mqtt;

namespace Streams.Composition;

/// <summary>Builds the MQTT client options of the bridge from the <c>mqtt:</c> section.</summary>
internal static class BridgeMqttClientOptions
{
    /// <summary>
    /// Host, port, protocol version, credentials, client id, keep-alive and TLS from <paramref name="config"/>; the will is
    /// the retained <c>offline</c> on the bridge availability topic (QoS 1), and the same message is
    /// published before a clean DISCONNECT, which makes the broker discard the will.
    /// </summary>
    public static MqttClientOptions Create(MqttConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var availability = new BridgeTopics(config.BaseTopic).BridgeAvailability;
        var offline = Encoding.UTF8.GetBytes("offline");
        return new MqttClientOptions
        {
            Host = config.Host,
            Port = config.Port,
            ClientId = config.EffectiveClientId,
            Protocol = config.Protocol,
            KeepAlive = config.KeepAlive,
            Username = config.Username,
            Password = config.Password?.Reveal(),
            Will = new MqttWill(availability, offline, MqttQualityOfService.AtLeastOnce, Retain: true),
            ShutdownMessage = new MqttShutdownMessage(availability, offline),
            Tls = config.Tls is { } tls
                ? new MqttTlsOptions
                {
                    CaFile = tls.CaFile,
                    ClientCertificateFile = tls.CertFile,
                    ClientKeyFile = tls.KeyFile,
                    Insecure = tls.Insecure,
                }
                : null,
        };
    }

    /// <summary>
    /// <see cref="Create"/> for a run that gives up at a refusal and reports it itself (<c>--replay</c>,
    /// <c>streams migrate</c>): <see cref="MqttReconnectPolicy.CallerReportsRefusals"/>.
    /// </summary>
    public static MqttClientOptions OneShot(MqttConfig config)
    {
        var options = Create(config);
        return options with { Reconnect = options.Reconnect with { CallerReportsRefusals = true } };
    }
}

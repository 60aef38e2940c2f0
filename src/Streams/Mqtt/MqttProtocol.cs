namespace Streams.Mqtt;

/// <summary>The MQTT protocol version spoken to the broker (config <c>mqtt.protocol</c>).</summary>
public enum MqttProtocol
{
    /// <summary>MQTT 3.1.1, what every broker speaks; the default.</summary>
    V311,

    /// <summary>MQTT 5: reason codes on refusals and rejected publishes.</summary>
    V5,
}

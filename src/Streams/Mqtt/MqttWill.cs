namespace Streams.Mqtt;

/// <summary>
/// The last-will message the broker publishes when the connection ends without DISCONNECT
/// (abrupt close, keep-alive timeout, takeover) [MQTT-3.1.2-8].
/// </summary>
internal sealed record MqttWill(string Topic, ReadOnlyMemory<byte> Payload, MqttQualityOfService Qos, bool Retain);

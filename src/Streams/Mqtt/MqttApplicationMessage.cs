namespace Streams.Mqtt;

/// <summary>
/// A message received on a subscription. <see cref="Retain"/> is true only for a retained message
/// delivered because of a new subscription; live publishes reach existing subscribers with retain
/// cleared [MQTT-3.3.1-9]. <see cref="Dup"/> is informational: brokers disagree on it, so never
/// drop a message because it is set.
/// </summary>
internal sealed record MqttApplicationMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQualityOfService Qos, bool Retain, bool Dup = false)
{
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload.Span);
}

namespace Streams.Mqtt;

/// <summary>
/// The delivery guarantees this client speaks. QoS 2 is deliberately absent: a publish-mostly
/// bridge never needs it, and a peer that sends it is treated as breaking the protocol.
/// </summary>
public enum MqttQualityOfService : byte
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
}

namespace Streams.Mqtt;

/// <summary>
/// What the client publishes (retained, QoS 1) right before DISCONNECT on a graceful shutdown.
/// Needed because a DISCONNECT makes the broker discard the will [MQTT-3.1.2-10], so the
/// "offline" the will would have carried must be sent explicitly.
/// </summary>
internal sealed record MqttShutdownMessage(string Topic, ReadOnlyMemory<byte> Payload);

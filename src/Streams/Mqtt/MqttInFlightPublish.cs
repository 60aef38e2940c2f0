using Streams.Mqtt.Packets;

namespace Streams.Mqtt;

/// <summary>One QoS 1 publish between PublishAsync and its PUBACK.</summary>
internal sealed class MqttInFlightPublish(MqttPublishPacket packet)
{
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>True once the PUBLISH went out at least once: a later send is a re-send and carries DUP=1.</summary>
    public bool Sent { get; set; }

    public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The packet to write now: the original on first send, DUP=1 with the same id after that [MQTT-2.3.1-3].</summary>
    public MqttPublishPacket PacketForSend() => Sent ? Packet with { Dup = true } : Packet;
}

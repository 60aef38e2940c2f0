using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline;

/// <summary>One QoS 1 publish between PublishAsync and its PUBACK. It gets its packet id when first sent.</summary>
internal sealed class MqttInFlightPublish(string topic, ReadOnlyMemory<byte> payload, bool retain)
{
    public string Topic { get; } = topic;

    /// <summary>The packet as first sent; null while still waiting to be sent.</summary>
    public MqttPublishPacket? Packet { get; private set; }

    public bool Sent => Packet is not null;

    public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first PUBLISH, DUP=0, with the id it keeps until acknowledged.</summary>
    public MqttPublishPacket FirstSend(ushort packetId)
    {
        Packet = new MqttPublishPacket
        {
            Topic = Topic,
            Payload = payload,
            Qos = MqttQualityOfService.AtLeastOnce,
            Retain = retain,
            PacketId = packetId,
        };
        return Packet;
    }

    /// <summary>A re-send: same id [MQTT-2.3.1-3], DUP=1 [MQTT-3.3.1-1].</summary>
    public MqttPublishPacket Resend() =>
        (Packet ?? throw new InvalidOperationException("a publish that was never sent cannot be re-sent")) with { Dup = true };
}

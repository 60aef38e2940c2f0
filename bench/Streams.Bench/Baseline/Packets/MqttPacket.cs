namespace Streams.Bench.Baseline.Packets;

/// <summary>Base of every MQTT 3.1.1 control packet this client encodes or decodes.</summary>
public abstract record MqttPacket
{
    public abstract MqttPacketType Type { get; }
}

using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline.Formatter;

/// <summary>The first fixed-header byte split into packet type (high nibble) and flags (low nibble).</summary>
public readonly record struct MqttPacketTypeAndFlags(byte Value)
{
    public MqttPacketType Type => (MqttPacketType)(Value >> 4);

    public int Flags => Value & 0x0F;
}

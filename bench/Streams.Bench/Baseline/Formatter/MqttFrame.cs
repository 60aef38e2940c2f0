namespace Streams.Bench.Baseline.Formatter;

/// <summary>Where one packet lies in a buffer: first header byte, header size, body size.</summary>
public readonly record struct MqttFrame(byte FirstByte, int HeaderLength, int RemainingLength)
{
    public int TotalLength => HeaderLength + RemainingLength;

    public MqttPacketTypeAndFlags TypeAndFlags => new(FirstByte);
}

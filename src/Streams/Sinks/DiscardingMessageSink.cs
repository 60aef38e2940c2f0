namespace Streams.Sinks;

/// <summary>Drops every message: the console sink of <c>--output table</c>, where the table shows the readings instead.</summary>
public sealed class DiscardingMessageSink : ICopyingMessageSink
{
    public void Publish(OutboundMessage message)
    {
    }

    void ICopyingMessageSink.Publish(string topic, ReadOnlySpan<byte> utf8Payload, bool retain)
    {
    }
}

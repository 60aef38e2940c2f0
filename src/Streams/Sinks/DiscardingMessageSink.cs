namespace Streams.Sinks;

/// <summary>Drops every message: the console sink of <c>--output table</c>, where the table shows the readings instead.</summary>
public sealed class DiscardingMessageSink : IMessageSink
{
    public void Publish(OutboundMessage message)
    {
    }
}

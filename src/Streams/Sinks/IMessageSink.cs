namespace Streams.Sinks;

/// <summary>Where outbound messages go. A sink reports its own failures; it never throws into the pipeline.</summary>
public interface IMessageSink
{
    void Publish(OutboundMessage message);
}

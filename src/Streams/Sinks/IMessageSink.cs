namespace Streams.Sinks;

/// <summary>
/// Where outbound messages go. A sink reports its own failures (or is wrapped in a <see cref="GuardedSink"/>);
/// it never throws into the pipeline. Calls may come from more than one thread.
/// </summary>
public interface IMessageSink
{
    void Publish(OutboundMessage message);
}

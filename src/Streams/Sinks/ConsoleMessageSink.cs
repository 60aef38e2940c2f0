namespace Streams.Sinks;

/// <summary>Writes each message as one <c>topic payload</c> line: the sink used when no broker is configured.</summary>
public sealed class ConsoleMessageSink(ConsoleOutput output) : IMessageSink
{
    public ConsoleMessageSink(TextWriter output)
        : this(new ConsoleOutput(output))
    {
    }

    public void Publish(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        output.WriteLine(message.Topic, message.Payload);
    }
}

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
        if (message.IsUtf8 && message.Utf8Payload.Length > 0)
        {
            output.WriteLine(message.Topic, message.Utf8Payload);
        }
        else
        {
            output.WriteLine(message.Topic, message.Payload);
        }
    }
}

namespace Streams.Sinks;

/// <summary>Writes each message as one <c>topic payload</c> line: the sink used when no broker is configured.</summary>
/// <remarks>The line is copied into the output's buffer before a publish returns, so it takes state documents out of a reused buffer (<see cref="ICopyingMessageSink"/>).</remarks>
public sealed class ConsoleMessageSink(ConsoleOutput output) : ICopyingMessageSink
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

    void ICopyingMessageSink.Publish(string topic, ReadOnlySpan<byte> utf8Payload, bool retain)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (utf8Payload.IsEmpty)
        {
            output.WriteLine(topic, string.Empty);
        }
        else
        {
            output.WriteLine(topic, utf8Payload);
        }
    }
}

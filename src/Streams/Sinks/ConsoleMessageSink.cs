namespace Streams.Sinks;

/// <summary>Writes each message as one <c>topic payload</c> line: the sink used when no broker is configured.</summary>
public sealed class ConsoleMessageSink(TextWriter output) : IMessageSink
{
    private readonly object _gate = new();

    public void Publish(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            output.Write(message.Topic);
            output.Write(' ');
            output.WriteLine(message.Payload);
        }
    }
}

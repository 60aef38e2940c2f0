using Streams.Sinks;

namespace Streams.Tests.HomeAssistant;

/// <summary>Keeps every message, and the retained value per topic as a broker would.</summary>
internal sealed class RecordingMessageSink : IMessageSink
{
    private readonly object _gate = new();

    public List<OutboundMessage> Messages { get; } = [];

    public Dictionary<string, string> Retained { get; } = new(StringComparer.Ordinal);

    public void Publish(OutboundMessage message)
    {
        lock (_gate)
        {
            Messages.Add(message);
            if (message.Retain)
            {
                if (message.Payload.Length == 0)
                {
                    Retained.Remove(message.Topic);
                }
                else
                {
                    Retained[message.Topic] = message.Payload;
                }
            }
        }
    }

    public List<OutboundMessage> Take()
    {
        lock (_gate)
        {
            var taken = Messages.ToList();
            Messages.Clear();
            return taken;
        }
    }
}

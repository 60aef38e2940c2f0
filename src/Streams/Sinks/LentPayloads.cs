namespace Streams.Sinks;

/// <summary>Publishing a payload that is valid only during the call (a reused state buffer).</summary>
internal static class LentPayloads
{
    /// <summary>
    /// In place to a sink that is done with it when it returns (<see cref="ICopyingMessageSink"/>);
    /// to any other, which may keep it (the broker), as an array of its own.
    /// </summary>
    public static void PublishLent(this IMessageSink sink, string topic, ReadOnlySpan<byte> utf8Payload, bool retain)
    {
        if (sink is ICopyingMessageSink copying)
        {
            copying.Publish(topic, utf8Payload, retain);
        }
        else
        {
            sink.Publish(new OutboundMessage(topic, utf8Payload.ToArray(), retain));
        }
    }
}

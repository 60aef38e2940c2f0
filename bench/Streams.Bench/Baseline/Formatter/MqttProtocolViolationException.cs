namespace Streams.Bench.Baseline.Formatter;

/// <summary>
/// Bytes or a packet that break MQTT 3.1.1: malformed input from the peer, or a packet this client
/// refuses to send (wildcard topic, packet id 0, oversized string). The connection that saw it
/// must be closed; nothing else is thrown by the decoder.
/// </summary>
public sealed class MqttProtocolViolationException : Exception
{
    public MqttProtocolViolationException(string message)
        : base(message)
    {
    }

    public MqttProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

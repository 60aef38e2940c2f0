namespace Streams.Mqtt;

/// <summary>An accepted connection ended without the client asking for it (broker gone, link dead, socket reset).</summary>
public sealed class MqttConnectionLostException : Exception
{
    public MqttConnectionLostException(string message)
        : base(message)
    {
    }

    public MqttConnectionLostException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

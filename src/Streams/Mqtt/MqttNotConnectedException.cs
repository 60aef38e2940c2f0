namespace Streams.Mqtt;

/// <summary>A QoS 0 publish (or another operation that cannot wait) was attempted while no connection is up.</summary>
internal sealed class MqttNotConnectedException : Exception
{
    public MqttNotConnectedException(string message)
        : base(message)
    {
    }
}

namespace Streams.Mqtt;

/// <summary>An accepted connection ended without the client asking for it (broker gone, link dead, socket reset).</summary>
internal sealed class MqttConnectionLostException : Exception
{
    public MqttConnectionLostException(string message)
        : base(message)
    {
    }

    public MqttConnectionLostException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The broker closed it (a DISCONNECT or an orderly close), rather than the link failing.</summary>
    public bool ClosedByBroker { get; init; }

    /// <summary>The broker said another connection took the session over (MQTT 5 reason 0x8E; brokers that send it).</summary>
    public bool SessionTakenOver { get; init; }

    /// <summary>A publish of ours was on its way or unacknowledged: the broker may have dropped the connection over that message.</summary>
    public bool WhilePublishing { get; init; }
}

namespace Streams.Mqtt;

/// <summary>
/// A long-running MQTT client that reconnects on its own: what the rest of the bridge (sinks,
/// Home Assistant discovery) depends on. <see cref="MqttClient"/> implements it over MQTTnet.
/// </summary>
internal interface IMqttClient : IAsyncDisposable
{
    /// <summary>Connection state changes from <see cref="Start"/> on; a new subscriber first gets the latest one. Completes on disposal.</summary>
    IObservable<MqttConnectionState> States { get; }

    /// <summary>
    /// One event per successful (re)connect, after subscriptions were renewed: the moment to publish
    /// discovery and "online" again. A subscriber that arrives while connected gets the current
    /// connection's event at once.
    /// </summary>
    IObservable<MqttConnectionState.Connected> Connected { get; }

    /// <summary>Every message received on any subscription. Handlers must not block: they hold up the acknowledgement.</summary>
    IObservable<MqttApplicationMessage> Messages { get; }

    MqttConnectionState CurrentState { get; }

    /// <summary>Starts connecting (and reconnecting) in the background; idempotent.</summary>
    void Start();

    /// <summary>
    /// <see cref="Start"/>s and waits for the first accepted connection. Throws
    /// <see cref="MqttConnectionRefusedException"/> when the broker refuses instead (the client keeps
    /// retrying slowly in the background until disposed).
    /// </summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes to <paramref name="topic"/> (validated: non-empty, no wildcards, no U+0000, valid
    /// UTF-8, ≤ 65,535 bytes; else <see cref="ArgumentException"/>). QoS 0 completes once written,
    /// QoS 1 on PUBACK. Nothing is queued here: while disconnected, or when the connection is lost
    /// before the PUBACK, it throws <see cref="MqttNotConnectedException"/>, and the caller keeps the
    /// message for the next connection (<see cref="MqttLatestStatePublisher"/> does).
    /// </summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes now and after every reconnect. Completes with the broker's SUBACK code for the
    /// first SUBACK (note: mosquitto grants ACL-denied filters, so a grant does not prove delivery).
    /// </summary>
    Task<MqttSubscribeReturnCode> SubscribeAsync(string filter, MqttQualityOfService maximumQos, CancellationToken cancellationToken = default);
}

namespace Streams.Mqtt;

/// <summary>
/// Where the client's connection stands. A closed set: <see cref="Connecting"/>,
/// <see cref="Connected"/>, <see cref="Disconnected"/> and <see cref="Refused"/>.
/// </summary>
internal abstract record MqttConnectionState
{
    private MqttConnectionState()
    {
    }

    /// <summary>Attempt number <paramref name="Attempt"/> (1-based, counted since the client started) is under way.</summary>
    public sealed record Connecting(int Attempt) : MqttConnectionState
    {
        public override string ToString() => $"Connecting (attempt {Attempt})";
    }

    /// <summary>The broker accepted the connection and the subscriptions were renewed.</summary>
    /// <param name="MaximumPacketSize">The largest packet the broker accepts, when its MQTT 5 CONNACK says; null otherwise.</param>
    public sealed record Connected(bool SessionPresent, int? MaximumPacketSize = null) : MqttConnectionState
    {
        public override string ToString() => "Connected";
    }

    /// <summary>The connection failed or was lost; a retry follows after <paramref name="RetryIn"/>.</summary>
    public sealed record Disconnected(string Reason, TimeSpan RetryIn) : MqttConnectionState
    {
        public override string ToString() => $"Disconnected ({Reason}); retry in {RetryIn.TotalSeconds:0.###} s";
    }

    /// <summary>The broker answered CONNACK with a non-zero code; a (slow) retry follows after <paramref name="RetryIn"/>.</summary>
    public sealed record Refused(MqttConnectReturnCode Code, string Message, TimeSpan RetryIn) : MqttConnectionState
    {
        public override string ToString() => $"Refused ({Message}); retry in {RetryIn.TotalSeconds:0.###} s";
    }
}

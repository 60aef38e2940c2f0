using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline;

/// <summary>
/// Where the client's connection stands. A closed set: <see cref="Connecting"/>,
/// <see cref="Connected"/>, <see cref="Disconnected"/> and <see cref="Refused"/>.
/// </summary>
public abstract record MqttConnectionState
{
    private MqttConnectionState()
    {
    }

    /// <summary>Attempt number <paramref name="Attempt"/> (1-based, counted since the client started) is under way.</summary>
    public sealed record Connecting(int Attempt) : MqttConnectionState
    {
        public override string ToString() => $"Connecting (attempt {Attempt})";
    }

    /// <summary>CONNACK 0 arrived; subscriptions were renewed and unacknowledged publishes re-sent.</summary>
    public sealed record Connected(bool SessionPresent) : MqttConnectionState
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

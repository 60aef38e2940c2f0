namespace Streams.Bench.Baseline.Packets;

/// <summary>CONNACK return codes (§3.2.2.3). Every non-zero code is followed by the server closing the connection.</summary>
public enum MqttConnectReturnCode : byte
{
    Accepted = 0,
    UnacceptableProtocolVersion = 1,
    IdentifierRejected = 2,
    ServerUnavailable = 3,
    BadUsernameOrPassword = 4,
    NotAuthorized = 5,
}

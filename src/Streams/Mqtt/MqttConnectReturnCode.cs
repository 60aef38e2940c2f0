namespace Streams.Mqtt;

/// <summary>
/// Why the broker refused CONNECT, in MQTT 3.1.1 terms (§3.2.2.3). MQTT 5 reason codes map onto
/// the nearest of these (0x86 bad user name or password → 4, 0x87 not authorized → 5, …);
/// <see cref="Other"/> is any v5 reason without a 3.1.1 counterpart.
/// </summary>
public enum MqttConnectReturnCode : byte
{
    Accepted = 0,
    UnacceptableProtocolVersion = 1,
    IdentifierRejected = 2,
    ServerUnavailable = 3,
    BadUsernameOrPassword = 4,
    NotAuthorized = 5,
    Other = 255,
}

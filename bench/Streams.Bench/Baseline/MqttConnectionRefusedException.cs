using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline;

/// <summary>The broker answered CONNECT with a non-zero CONNACK return code.</summary>
public sealed class MqttConnectionRefusedException : Exception
{
    public MqttConnectionRefusedException(MqttConnectReturnCode code)
        : base(Describe(code))
    {
        Code = code;
    }

    public MqttConnectReturnCode Code { get; }

    /// <summary>Only "server unavailable" may succeed on a plain retry; every other code needs a configuration change.</summary>
    public bool IsRetryable => Code == MqttConnectReturnCode.ServerUnavailable;

    /// <summary>A one-line, user-facing explanation of <paramref name="code"/>.</summary>
    public static string Describe(MqttConnectReturnCode code) => code switch
    {
        MqttConnectReturnCode.UnacceptableProtocolVersion => "broker refused the connection: it does not accept MQTT 3.1.1 (CONNACK 1, unacceptable protocol version)",
        MqttConnectReturnCode.IdentifierRejected => "broker refused the connection: client id rejected (CONNACK 2); use 1-23 letters and digits",
        MqttConnectReturnCode.ServerUnavailable => "broker refused the connection: server unavailable (CONNACK 3)",
        MqttConnectReturnCode.BadUsernameOrPassword => "broker refused the connection: bad user name or password (CONNACK 4); check the MQTT credentials",
        MqttConnectReturnCode.NotAuthorized => "broker refused the connection: not authorised (CONNACK 5); check the MQTT user name, password and the broker's ACL",
        _ => $"broker refused the connection with CONNACK return code {(int)code}",
    };
}

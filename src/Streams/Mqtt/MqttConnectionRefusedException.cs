namespace Streams.Mqtt;

/// <summary>The broker answered CONNECT with a refusal (a non-zero CONNACK code or MQTT 5 reason).</summary>
internal sealed class MqttConnectionRefusedException : Exception
{
    /// <param name="message">The one-line explanation; <see cref="Describe"/> of <paramref name="code"/> when null.</param>
    public MqttConnectionRefusedException(MqttConnectReturnCode code, string? message = null)
        : base(message ?? Describe(code))
    {
        Code = code;
    }

    public MqttConnectReturnCode Code { get; }

    /// <summary>Only "server unavailable" may succeed on a plain retry; every other code needs a configuration change.</summary>
    public bool IsRetryable => IsRetryableCode(Code);

    public static bool IsRetryableCode(MqttConnectReturnCode code) => code == MqttConnectReturnCode.ServerUnavailable;

    /// <summary>A one-line, user-facing explanation of <paramref name="code"/>; <paramref name="brokerReason"/> names a refusal 3.1.1 has no code for.</summary>
    public static string Describe(MqttConnectReturnCode code, string? brokerReason = null) => code switch
    {
        MqttConnectReturnCode.UnacceptableProtocolVersion => "broker refused the connection: it does not accept this MQTT version; set mqtt.protocol to 3.1.1",
        MqttConnectReturnCode.IdentifierRejected => "broker refused the connection: client id rejected; use 1-23 letters and digits in mqtt.client_id",
        MqttConnectReturnCode.ServerUnavailable => "broker refused the connection: server unavailable",
        MqttConnectReturnCode.BadUsernameOrPassword => "broker refused the connection: bad user name or password; check mqtt.username and mqtt.password",
        MqttConnectReturnCode.NotAuthorized => "broker refused the connection: not authorised; check mqtt.username, mqtt.password and the broker's ACL",
        _ => $"broker refused the connection ({brokerReason ?? $"code {(int)code}"})",
    };
}

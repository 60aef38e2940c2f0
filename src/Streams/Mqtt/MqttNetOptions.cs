using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Serilog;

namespace Streams.Mqtt;

/// <summary>Translates <see cref="MqttClientOptions"/> into MQTTnet's client options.</summary>
internal static class MqttNetOptions
{
    /// <summary>
    /// Protocol version set explicitly (MQTTnet defaults to MQTT 5), clean session, keep-alive,
    /// credentials, the will and TLS. MQTTnet's own <c>Timeout</c> only applies where no cancellable
    /// token is passed; every call of ours passes one with our own deadline, so it is a backstop.
    /// </summary>
    public static MQTTnet.MqttClientOptions Build(MqttClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(ToMqttNet(options.Protocol))
            .WithClientId(options.ClientId)
            .WithCleanSession(options.CleanSession)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.ConnectTimeout);
        if (options.Username is not null)
        {
            builder = builder.WithCredentials(options.Username, options.Password);
        }

        if (options.Will is { } will)
        {
            builder = builder
                .WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload.ToArray())
                .WithWillQualityOfServiceLevel(ToMqttNet(will.Qos))
                .WithWillRetain(will.Retain);
        }

        if (options.Tls is { } tls)
        {
            builder = builder.WithTlsOptions(MqttNetTls.Build(tls, options.Host, logger));
        }

        return builder.Build();
    }

    public static MqttProtocolVersion ToMqttNet(MqttProtocol protocol) => protocol switch
    {
        MqttProtocol.V311 => MqttProtocolVersion.V311,
        MqttProtocol.V5 => MqttProtocolVersion.V500,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown MQTT protocol version"),
    };

    public static MqttQualityOfServiceLevel ToMqttNet(MqttQualityOfService qos) => qos switch
    {
        MqttQualityOfService.AtMostOnce => MqttQualityOfServiceLevel.AtMostOnce,
        MqttQualityOfService.AtLeastOnce => MqttQualityOfServiceLevel.AtLeastOnce,
        _ => throw new ArgumentOutOfRangeException(nameof(qos), qos, "QoS must be 0 or 1"),
    };

    /// <summary>We never ask for QoS 2, so a broker never sends it; were it to, it counts as at-least-once.</summary>
    public static MqttQualityOfService FromMqttNet(MqttQualityOfServiceLevel qos) =>
        qos == MqttQualityOfServiceLevel.AtMostOnce ? MqttQualityOfService.AtMostOnce : MqttQualityOfService.AtLeastOnce;

    /// <summary>An owned copy of a received message: MQTTnet reuses its buffers once the handler returns.</summary>
    public static MqttApplicationMessage FromMqttNet(MQTTnet.MqttApplicationMessage message) =>
        new(message.Topic, message.Payload.ToArray(), FromMqttNet(message.QualityOfServiceLevel), message.Retain, message.Dup);

    public static MQTTnet.MqttApplicationMessage ToMqttNet(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain) => new()
    {
        Topic = topic,
        Payload = new ReadOnlySequence<byte>(payload),
        QualityOfServiceLevel = ToMqttNet(qos),
        Retain = retain,
    };
}

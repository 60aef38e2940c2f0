using System.Text;
using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Composition;

public class BridgeMqttClientOptionsTests
{
    [Fact]
    public void Options_come_from_the_mqtt_section_with_offline_as_will_and_shutdown_message()
    {
        var config = new MqttConfig("broker", 8883, "bms", new Secret("s3cret"), "garage", TimeSpan.FromSeconds(45), "homeassistant", "bms/garage", DiscoveryMode.Device,
            new MqttTlsConfig("/etc/ca.crt", "/etc/c.crt", "/etc/c.key", Insecure: false));

        var options = BridgeMqttClientOptions.Create(config);

        options.Host.Should().Be("broker");
        options.Port.Should().Be(8883);
        options.ClientId.Should().Be("garage");
        options.KeepAlive.Should().Be(TimeSpan.FromSeconds(45));
        options.Username.Should().Be("bms");
        options.Password.Should().Be("s3cret");
        options.Will!.Topic.Should().Be("bms/garage/bridge/availability");
        Encoding.UTF8.GetString(options.Will.Payload.Span).Should().Be("offline");
        options.Will.Retain.Should().BeTrue();
        options.Will.Qos.Should().Be(MqttQualityOfService.AtLeastOnce);
        options.ShutdownMessage!.Topic.Should().Be("bms/garage/bridge/availability");
        Encoding.UTF8.GetString(options.ShutdownMessage.Payload.Span).Should().Be("offline");
        options.Tls!.CaFile.Should().Be("/etc/ca.crt");
        options.Tls.ClientCertificateFile.Should().Be("/etc/c.crt");
        options.Tls.ClientKeyFile.Should().Be("/etc/c.key");
        options.Tls.Insecure.Should().BeFalse();
        options.Protocol.Should().Be(MqttProtocol.V311, "3.1.1 unless the config says 5");
    }

    [Fact]
    public void Protocol_5_from_the_config_reaches_the_client_options()
    {
        var config = new MqttConfig("h", 1883, null, null, "streams", TimeSpan.FromSeconds(20), "homeassistant", "streams", DiscoveryMode.Device, null, MqttProtocol.V5);

        BridgeMqttClientOptions.Create(config).Protocol.Should().Be(MqttProtocol.V5);
    }

    [Fact]
    public void Plain_anonymous_broker_has_no_tls_and_no_credentials()
    {
        var options = BridgeMqttClientOptions.Create(new MqttConfig("h", 1883, null, null, "streams", TimeSpan.FromSeconds(60), "homeassistant", "streams", DiscoveryMode.Device, null));

        options.Tls.Should().BeNull();
        options.Username.Should().BeNull();
        options.Password.Should().BeNull();
        options.Invoking(o => o.Validate()).Should().NotThrow();
    }
}

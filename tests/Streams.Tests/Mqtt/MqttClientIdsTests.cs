using FluentAssertions;
using Streams.Config.Model;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttClientIdsTests
{
    [Theory]
    [InlineData("streams", "pi4", "streams-pi4")]
    [InlineData("home/batteries", "pi4.lan", "home_batteries-pi4")]
    [InlineData("streams", "", "streams")]
    [InlineData("bms", "garage box", "bms-garage_box")]
    public void The_default_comes_from_the_base_topic_and_the_host_name(string baseTopic, string host, string expected) =>
        MqttClientIds.Default(baseTopic, host).Should().Be(expected);

    [Fact]
    public void Two_bridges_with_different_base_topics_on_one_host_get_different_ids_and_a_configured_id_wins()
    {
        var house = new MqttConfig("broker", 1883, null, null, null, TimeSpan.FromSeconds(20), "homeassistant", "streams", DiscoveryMode.Device, null);
        var garage = house with { BaseTopic = "garage" };

        house.EffectiveClientId.Should().StartWith("streams").And.NotBe(garage.EffectiveClientId, "before, both were 'streams' and kicked each other off the broker");
        garage.EffectiveClientId.Should().StartWith("garage");
        (house with { ClientId = "mine" }).EffectiveClientId.Should().Be("mine");
        house.EffectiveClientId.Should().Be(house.EffectiveClientId, "the same after every restart");
    }
}

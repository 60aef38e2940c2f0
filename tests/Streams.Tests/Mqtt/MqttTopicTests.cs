using FluentAssertions;
using Streams.Mqtt;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttTopicTests
{
    [Theory]
    [InlineData("bms/pack1/state")]
    [InlineData("/")]
    [InlineData("a//b")]
    [InlineData("°C")]
    [InlineData("$SYS/x")]
    [InlineData(" ")]
    public void Valid_topic_names_have_no_problem(string topic) => MqttTopic.NameProblem(topic).Should().BeNull();

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/+", "wildcard")]
    [InlineData("#", "wildcard")]
    [InlineData("bms #1", "wildcard")]
    [InlineData("a\0", "U+0000")]
    public void Invalid_topic_names_say_why(string topic, string reason) =>
        MqttTopic.NameProblem(topic).Should().Contain(reason);

    [Fact]
    public void Lone_surrogate_in_a_topic_name_is_reported()
    {
        var topic = "bms/" + (char)0xDC00;

        MqttTopic.NameProblem(topic).Should().Contain("surrogate");
        MqttTopic.FilterProblem(topic).Should().Contain("surrogate");
    }

    [Fact]
    public void ValidateName_throws_a_one_line_argument_exception()
    {
        var act = () => MqttTopic.ValidateName("bms/pack#1/state");

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("\n").And.Contain("bms/pack#1/state");
    }

    [Theory]
    [InlineData("#")]
    [InlineData("+")]
    [InlineData("a/+/c")]
    [InlineData("a/#")]
    [InlineData("+/+")]
    [InlineData("homeassistant/status")]
    public void Valid_filters_have_no_problem(string filter) => MqttTopic.FilterProblem(filter).Should().BeNull();

    [Theory]
    [InlineData("")]
    [InlineData("a/#/c")]
    [InlineData("a#")]
    [InlineData("a/b+")]
    [InlineData("++")]
    public void Invalid_filters_are_reported(string filter) => MqttTopic.FilterProblem(filter).Should().NotBeNull();
}

using FluentAssertions;
using Xunit;

namespace Streams.IntegrationTests.Support;

public sealed class ExternalToolTests
{
    [Fact]
    public void Missing_peer_fails_with_the_install_command_instead_of_skipping()
    {
        var act = () => ExternalTool.Find("streams-no-such-broker", "mosquitto mosquitto-clients");

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*'streams-no-such-broker' was not found*apt-get install -y mosquitto mosquitto-clients*");
    }
}

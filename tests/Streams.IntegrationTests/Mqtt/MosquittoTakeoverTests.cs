using FluentAssertions;
using Serilog.Events;
using Streams.Tests.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Two clients on one client id on a real mosquitto (issue 11 item 2): one log line names the id.</summary>
public sealed class MosquittoTakeoverTests
{
    [Theory]
    [InlineData(Streams.Mqtt.MqttProtocol.V311)]
    [InlineData(Streams.Mqtt.MqttProtocol.V5)]
    public async Task Two_clients_on_one_id_take_the_session_from_each_other_and_one_line_says_so(Streams.Mqtt.MqttProtocol protocol)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        var logs = new CollectingSink();
        var log = logs.CreateLogger();
        var options = Options(port, "twin") with { Protocol = protocol, Reconnect = FastReconnect with { StableAfter = TimeSpan.FromSeconds(30) } };
        await using var first = Create(options, logger: log);
        await first.ConnectAsync();
        await using var second = Create(options, logger: log);
        await second.ConnectAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !Said(logs))
        {
            await Task.Delay(50);
        }

        Said(logs).Should().BeTrue($"one of the clients says why it keeps being closed; it logged: {string.Join(" | ", logs.Messages(LogEventLevel.Warning))}");
        broker.CountLog("Client twin already connected").Should().BeGreaterThan(2, "mosquitto took the session over again and again");
        logs.Messages(LogEventLevel.Warning).Count(Mentions).Should().BeLessThanOrEqualTo(2, "once per client and streak, not once per kick");
    }

    private static bool Said(CollectingSink logs) => logs.Messages(LogEventLevel.Warning).Any(Mentions);

    private static bool Mentions(string message) =>
        message.Contains("another client probably uses the client id 'twin'", StringComparison.Ordinal) && message.Contains("mqtt.client_id", StringComparison.Ordinal);
}

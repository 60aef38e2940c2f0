using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Cli;

/// <summary>The <c>streams</c> process against a real mosquitto when things go wrong: killed, or refused.</summary>
public sealed class CliBrokerFailureTests : IDisposable
{
    private static readonly MosquittoListener Plain = new("plain");
    private static readonly MosquittoListener Auth = new("auth") { Anonymous = false, Passwords = true };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-broker-failure-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_bridge_killed_with_sigkill_leaves_the_will_offline_retained()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        using var bridge = StreamsCli.Start("-C", await BrokerConfigFile.WriteAsync(_dir, broker.Port(Plain.Name), "streams-cli-kill", "keepalive: 5s"));
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/availability" && m.PayloadText == "online", what: "the bridge online");
        var mark = ha.Messages.Count;

        bridge.KillHard();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(137, "killed by signal 9 (128 + 9)");

        // No DISCONNECT was sent (the process had no chance): the broker publishes the will.
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/availability" && m.PayloadText == "offline", since: mark, what: "the will");
        await using var late = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        var retained = await late.WaitForAsync(m => m.Topic == "streams/bridge/availability", what: "the retained availability");
        retained.PayloadText.Should().Be("offline");
        retained.Retain.Should().BeTrue();
        broker.CountLog("Received DISCONNECT from streams-cli-kill").Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_password_is_one_actionable_log_line_and_no_fast_retry()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var port = broker.Port(Auth.Name);
        using var bridge = StreamsCli.Start("-C", await BrokerConfigFile.WriteAsync(_dir, port, "streams-cli-auth", $"username: {MosquittoBroker.BridgeUser}\n  password: wrong"));

        var refused = await bridge.WaitForErrorLineAsync(l => l.Contains("not authorised", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the refusal");
        refused.Should().Contain("mqtt.password").And.Contain("Retrying every 60 s");

        // A clock beside it: a client pinging every second. Five of its pings later the bridge must
        // still have made one attempt only (a fast retry would have made several by then).
        await using var clock = Create(Options(port, "clock") with { Username = MosquittoBroker.HaUser, Password = MosquittoBroker.HaPassword, KeepAlive = TimeSpan.FromSeconds(2) });
        await clock.ConnectAsync();
        await broker.WaitForLogAsync(_ => broker.CountLog("Received PINGREQ from clock") >= 5, "five pings of the clock client", TimeSpan.FromSeconds(20));
        broker.CountLog("disconnected, not authorised.").Should().Be(1, broker.Log);

        bridge.Terminate();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0, bridge.StandardError);
        bridge.StandardError.Split('\n').Count(l => l.Contains("not authorised", StringComparison.Ordinal)).Should().Be(1, bridge.StandardError);
        bridge.StandardError.Should().NotContain("   at ").And.NotContain("Exception", "a stop is one line, not a stack trace");
    }
}

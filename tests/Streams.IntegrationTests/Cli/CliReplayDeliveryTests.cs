using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Cli;

/// <summary>
/// <c>--replay</c> with a broker, against a real mosquitto: it delivers what it decoded (the
/// broker holds every state when the process ends), or it fails in one line with a non-zero exit.
/// </summary>
public sealed class CliReplayDeliveryTests : IDisposable
{
    private const int NotDelivered = 3;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly MosquittoListener Plain = new("plain");
    private static readonly MosquittoListener Auth = new("auth") { Anonymous = false, Passwords = true };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-cli-replay-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_replay_ends_only_once_the_broker_holds_every_state_it_decoded()
    {
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        var port = broker.Port(Plain.Name);

        var (exit, _, error) = await Replay(await Config(port, "streams-replay-ok"), Capture());

        exit.Should().Be(0, error);
        error.Should().Contain("packs seen: garage, lifepower4_addr_02").And.Contain("2 reading(s) acknowledged by the MQTT broker 127.0.0.1");

        // A subscriber coming after the process ended finds both states retained on the broker.
        await using var late = await HomeAssistantWatcher.StartAsync(port);
        (await late.WaitForAsync(m => m.Topic == "streams/garage/state", what: "garage's state")).PayloadText.Should().StartWith("{\"pack_voltage\":52.8,");
        (await late.WaitForAsync(m => m.Topic == "streams/lifepower4_addr_02/state", what: "pack 2's state")).PayloadText.Should().StartWith("{\"pack_voltage\":52.8,");
    }

    [Fact]
    public async Task A_replay_to_a_broker_that_cannot_be_reached_fails_in_one_line_without_a_summary()
    {
        var port = ClosedPort();

        var (exit, _, error) = await Replay(await Config(port, "streams-replay-nobody"), Capture());

        exit.Should().Be(NotDelivered, error);
        ErrorLines(error).Should().ContainSingle(l => l.Contains("ERR ", StringComparison.Ordinal))
            .Which.Should().EndWith($"replay not delivered: no connection to the MQTT broker 127.0.0.1:{port} within 10 s; nothing was published");
        error.Should().NotContain("packs seen").And.NotContain("   at ").And.NotContain("Exception");
    }

    [Fact]
    public async Task A_replay_the_broker_refuses_fails_in_one_line_naming_the_reason()
    {
        await using var broker = await MosquittoBroker.StartAsync(Auth);
        var port = broker.Port(Auth.Name);

        var (exit, _, error) = await Replay(await Config(port, "streams-replay-refused", $"username: {MosquittoBroker.BridgeUser}\n  password: wrong"), Capture());

        exit.Should().Be(NotDelivered, error);
        // One line: the verdict, with what to check; not also the live bridge's "retrying every 60 s".
        ErrorLines(error).Should().ContainSingle(l => l.Contains("ERR ", StringComparison.Ordinal))
            .Which.Should().EndWith($"replay not delivered: the MQTT broker 127.0.0.1:{port} refused the connection (not authorised; check mqtt.username, mqtt.password and the broker's ACL); nothing was published");
        error.Should().NotContain("packs seen").And.NotContain("   at ").And.NotContain("wrong");
    }

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string[] ErrorLines(string error) => error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<(int ExitCode, string Output, string Error)> Replay(string config, string capture) =>
        ChildProcess.RunAsync(StreamsCli.DotnetHost, [StreamsCli.DllPath, "-C", config, "--replay", capture], RunTimeout);

    private string Capture()
    {
        var path = Path.Combine(_dir.FullName, "bus.bin");
        File.WriteAllBytes(path, ReplayCapture.TwoPacks());
        return path;
    }

    private Task<string> Config(int port, string clientId, string mqttExtra = "") =>
        BrokerConfigFile.WriteAsync(_dir, port, clientId, mqttExtra, sources: BrokerConfigFile.SniffedGarage);
}

using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Streams.IntegrationTests.Support;
using Streams.Mqtt;
using Xunit;
using static Streams.IntegrationTests.Mqtt.MqttTestClients;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Anonymous publish/subscribe through a real mosquitto.</summary>
public sealed class MosquittoRoundTripTests
{
    [Fact]
    public async Task Qos0_and_qos1_messages_make_the_round_trip()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var subscriber = Create(Options(port, "sub"));
        using var received = new MessageLog(subscriber.Messages);
        await subscriber.ConnectAsync();
        (await subscriber.SubscribeAsync("bms/#", MqttQualityOfService.AtLeastOnce)).Should().Be(MqttSubscribeReturnCode.GrantedQos1);
        await using var publisher = Create(Options(port, "pub"));
        await publisher.ConnectAsync();

        await publisher.PublishAsync("bms/pack1/voltage", Utf8("52.1"), MqttQualityOfService.AtMostOnce, retain: false);
        await publisher.PublishAsync("bms/pack1/current", Utf8("-3.5"), MqttQualityOfService.AtLeastOnce, retain: false);

        (await received.WaitForAsync("bms/pack1/voltage", "52.1")).Qos.Should().Be(MqttQualityOfService.AtMostOnce);
        var qos1 = await received.WaitForAsync("bms/pack1/current", "-3.5");
        qos1.Qos.Should().Be(MqttQualityOfService.AtLeastOnce);
        qos1.Retain.Should().BeFalse();
        broker.CountLog("Received PUBLISH from pub (d0, q1, r0, m1, 'bms/pack1/current'").Should().Be(1);
        broker.CountLog("Received PUBLISH from pub (d0, q0, r0, m0, 'bms/pack1/voltage'").Should().Be(1);
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Many_qos1_publishes_keep_their_order_and_all_get_acknowledged()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var subscriber = Create(Options(port, "sub"));
        using var received = new MessageLog(subscriber.Messages);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("seq", MqttQualityOfService.AtLeastOnce);
        await using var publisher = Create(Options(port, "pub"));
        await publisher.ConnectAsync();

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => publisher.PublishAsync("seq", Utf8(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), MqttQualityOfService.AtLeastOnce, retain: false)));

        await received.WaitForAsync("seq", "499");
        received.Payloads("seq").Should().Equal(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        broker.AssertNoProtocolComplaints();
    }

    [Fact]
    public async Task Large_payload_survives_reassembly_from_many_socket_reads()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var client = Create(Options(port, "big"));
        using var received = new MessageLog(client.Messages);
        await client.ConnectAsync();
        await client.SubscribeAsync("big", MqttQualityOfService.AtLeastOnce);
        var payload = new byte[300_000];
        new Random(7).NextBytes(payload);

        await client.PublishAsync("big", payload, MqttQualityOfService.AtLeastOnce, retain: false);

        var message = await received.WaitForAsync(m => m.Topic == "big", "300 kB on big");
        message.Payload.ToArray().Should().Equal(payload);
    }

    [Fact]
    public async Task Retained_flag_is_visible_to_new_subscribers_only()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain");
        await using var early = Create(Options(port, "early"));
        using var earlyLog = new MessageLog(early.Messages);
        await early.ConnectAsync();
        await early.SubscribeAsync("homeassistant/#", MqttQualityOfService.AtLeastOnce);
        await using var publisher = Create(Options(port, "pub"));
        await publisher.ConnectAsync();

        await publisher.PublishAsync("homeassistant/sensor/bms_v/config", Utf8("{}"), MqttQualityOfService.AtLeastOnce, retain: true);
        await using var late = Create(Options(port, "late"));
        using var lateLog = new MessageLog(late.Messages);
        await late.ConnectAsync();
        await late.SubscribeAsync("homeassistant/#", MqttQualityOfService.AtLeastOnce);

        (await earlyLog.WaitForAsync("homeassistant/sensor/bms_v/config", "{}")).Retain.Should().BeFalse("live publishes reach existing subscribers with retain=0 [MQTT-3.3.1-9]");
        (await lateLog.WaitForAsync("homeassistant/sensor/bms_v/config", "{}")).Retain.Should().BeTrue();
    }

    [Fact]
    public async Task Interoperates_with_mosquitto_pub_and_mosquitto_sub()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoListener("plain"));
        var port = broker.Port("plain").ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var client = Create(Options(broker.Port("plain"), "ours"));
        using var received = new MessageLog(client.Messages);
        await client.ConnectAsync();
        await client.SubscribeAsync("cmd/#", MqttQualityOfService.AtLeastOnce);

        await RunToolAsync("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-t", "cmd/charge", "-m", "on");
        (await received.WaitForAsync("cmd/charge", "on")).Qos.Should().Be(MqttQualityOfService.AtLeastOnce);

        var sub = StartTool("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-i", "their-sub", "-q", "1", "-t", "state/#", "-v", "-C", "1", "-W", "10");
        await broker.WaitForLogAsync("Received SUBSCRIBE from their-sub");
        await client.PublishAsync("state/soc", Utf8("87 %"), MqttQualityOfService.AtLeastOnce, retain: false);
        var output = await sub.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await sub.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        output.Trim().Should().Be("state/soc 87 %");
        broker.AssertNoProtocolComplaints();
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Process StartTool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExternalTool.Find(name, "mosquitto-clients")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
    }

    private static async Task RunToolAsync(string name, params string[] arguments)
    {
        using var process = StartTool(name, arguments);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
    }
}

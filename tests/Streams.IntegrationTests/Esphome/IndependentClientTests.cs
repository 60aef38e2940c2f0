using System.Text.Json;
using FluentAssertions;
using Streams.IntegrationTests.Bluetooth;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>
/// The fake proxy is not ours alone: @2colors/esphome-native-api (its own api.proto, framing and
/// noise-c) connects to it, reads device info and advertisements, connects to the fake BMS and
/// reassembles a notified JBD frame (tests/esphome-proxy/check-fake.js).
/// </summary>
public sealed class IndependentClientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_npm_client_reads_a_jbd_frame_through_the_fake_proxy(bool encrypted)
    {
        using var proxy = await FakeEsphomeProxy.StartAsync(encrypted);

        var (exitCode, output, error) = await ChildProcess.RunAsync(
            "node",
            [Path.Combine(FakeEsphomeProxy.PeerDirectory, "check-fake.js"), "127.0.0.1", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), proxy.Key ?? "-", FakeEsphomeProxy.BmsMac, JbdVectors.Hex("jbd-req-03")],
            TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, $"stderr: {error}\nfake: {proxy.Log}");
        using var result = JsonDocument.Parse(output.Trim());
        var root = result.RootElement;
        root.GetProperty("name").GetString().Should().Be(FakeEsphomeProxy.ProxyName);
        root.GetProperty("mac").GetString().Should().Be(FakeEsphomeProxy.ProxyMac);
        (root.GetProperty("features").GetInt32() & 0b100110).Should().Be(0b100110, "active connections, remote caching and raw advertisements");
        root.GetProperty("advertisedAddress").GetInt64().Should().Be(0xA4C137042DBE);
        root.GetProperty("rssi").GetInt32().Should().Be(-62);
        root.GetProperty("frame").GetString().Should().Be(JbdVectors.Hex("jbd-03-sp04s034-a").ToLowerInvariant());
        root.GetProperty("notifications").GetInt32().Should().BeGreaterThan(1, "the frame arrives in 20-byte notifications");
        await proxy.WaitForAsync("cccd A4:C1:37:04:2D:BE 0100", TimeSpan.FromSeconds(5));
    }
}

using FluentAssertions;
using Xunit;

namespace Streams.IntegrationTests.Packaging;

/// <summary>The shipped Native AOT binaries, x64 natively and arm64 under qemu-user: version, decode, a dry run of the demo.</summary>
[Collection(PackagingCollection.Name)]
public sealed class NativeBinaryTests(PackagedBuild build)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("linux-x64", (ushort)0x3E)]
    [InlineData("linux-arm64", (ushort)0xB7)]
    public async Task The_binary_is_a_native_executable_for_its_machine_and_prints_the_version_from_git(string rid, ushort elfMachine)
    {
        var header = new byte[20];
        await using (var file = File.OpenRead(build.Binary(rid)))
        {
            await file.ReadExactlyAsync(header);
        }

        header[..4].Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F']);
        BitConverter.ToUInt16(header, 18).Should().Be(elfMachine, "e_machine of {0}", rid);

        var (exit, output, error) = await PackagedBuild.RunAsync(build.Binary(rid), rid, RunTimeout, "--version");

        exit.Should().Be(0, error);
        output.Trim().Should().Be(build.Version);
        build.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public async Task Decode_prints_the_fields_of_a_real_frame(string rid)
    {
        var (exit, output, error) = await PackagedBuild.RunAsync(build.Binary(rid), rid, RunTimeout, "decode", "modbus", "01 03 00 00 00 27 05 D0");

        exit.Should().Be(0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        json.RootElement.GetProperty("kind").GetString().Should().Be("query");
        json.RootElement.GetProperty("register_count").GetInt32().Should().Be(39);
        json.RootElement.GetProperty("crc").GetString().Should().Be("0xD005");
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public async Task A_dry_run_of_the_demo_config_publishes_every_pack_once_and_exits_0(string rid)
    {
        var (exit, output, error) = await PackagedBuild.RunAsync(
            build.Binary(rid), rid, RunTimeout, "-C", Path.Combine(build.Root, "config", "demo.yaml"), "--dry-run");

        exit.Should().Be(0, error);
        var states = output.Split('\n').Where(line => line.StartsWith("streams/", StringComparison.Ordinal) && line.Contains("/state {", StringComparison.Ordinal)).ToArray();
        var topics = states.Select(line => line[..line.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        // The demo's bank combines its packs' readings: it publishes with each of them, so only the packs count once.
        topics.Where(topic => topic != "streams/demo_bank/state").Should().BeEquivalentTo(
            "streams/demo_pack_a/state", "streams/demo_pack_b/state", "streams/demo_bus_1/state", "streams/demo_bus_2/state", "streams/demo_jbd/state");
        topics.Should().Contain("streams/demo_bank/state");
        error.Should().NotContain("Exception");
    }
}

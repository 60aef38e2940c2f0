using System.Text.RegularExpressions;
using FluentAssertions;
using Streams.IntegrationTests.HomeAssistant;
using Streams.IntegrationTests.Mqtt;
using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Packaging;

/// <summary>
/// The .deb files: their control data and contents, the amd64 one installed into a throw-away root
/// (maintainer scripts included), its unit verified, and the installed binary publishing to a real mosquitto.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class DebianPackageTests(PackagedBuild build) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(1);
    private static readonly MosquittoListener Plain = new("plain");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-deb-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> DpkgDeb(params string[] arguments) =>
        ChildProcess.RunAsync(ExternalTool.Find("dpkg-deb", "dpkg"), arguments, Wait);

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_control_data_names_the_package_version_and_architecture_and_the_config_is_a_conffile(string arch)
    {
        var (exit, info, error) = await DpkgDeb("--info", build.Deb(arch));

        exit.Should().Be(0, error);
        info.Should().MatchRegex(@"(?m)^ Package: streams$");
        info.Should().Contain($" Version: {build.Version}\n");
        info.Should().Contain($" Architecture: {arch}\n");
        info.Should().MatchRegex(@"(?m)^ Depends: .*libc6");
        (await DpkgDeb("--field", build.Deb(arch), "Version")).Output.Trim().Should().Be(build.Version);
        info.Should().Contain("postinst").And.Contain("prerm").And.Contain("postrm");
        (await DpkgDeb("--info", build.Deb(arch), "conffiles")).Output.Trim().Should().Be("/etc/streams/streams.yaml");
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_package_holds_the_binary_the_config_and_the_unit_owned_by_root(string arch)
    {
        var (exit, contents, error) = await DpkgDeb("--contents", build.Deb(arch));

        exit.Should().Be(0, error);
        var entries = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => EntryLine().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["path"].Value, match => (Mode: match.Groups["mode"].Value, Owner: match.Groups["owner"].Value));
        entries.Should().ContainKey("./usr/bin/streams");
        entries["./etc/streams/streams.yaml"].Mode.Should().Be("-rw-r--r--");
        entries["./lib/systemd/system/streams.service"].Mode.Should().Be("-rw-r--r--");
        entries.Should().ContainKey("./usr/share/doc/streams/examples/example.yaml");
        entries.Values.Should().OnlyContain(entry => entry.Owner == "root/root");
    }

    [Fact]
    public async Task Installed_into_a_throwaway_root_it_creates_the_service_user_in_dialout_and_bluetooth_and_purges_cleanly()
    {
        using var root = new ThrowawayRoot();

        var install = await root.DpkgAsync("--install", build.Deb("amd64"));

        install.ExitCode.Should().Be(0, install.Output + install.Error);
        (await root.DpkgAsync("--status", "streams")).Output.Should().Contain("Status: install ok installed");
        File.ReadAllText(root.Path("etc/passwd")).Should().MatchRegex(@"(?m)^streams:x:\d+:\d+:[^:]*:/var/lib/streams:/usr/sbin/nologin$");
        var groups = File.ReadAllLines(root.Path("etc/group"));
        groups.Should().Contain(line => line.StartsWith("dialout:", StringComparison.Ordinal) && line.EndsWith(":streams", StringComparison.Ordinal));
        groups.Should().Contain(line => line.StartsWith("bluetooth:", StringComparison.Ordinal) && line.EndsWith(":streams", StringComparison.Ordinal));
        var config = new FileInfo(root.Path("etc/streams/streams.yaml"));
        config.UnixFileMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "the config may hold the broker password");
        new FileInfo(root.Path("usr/bin/streams")).UnixFileMode.Should().HaveFlag(UnixFileMode.OtherExecute);

        // The shipped starting config loads (a dry run stands simulators in for its packs).
        var dryRun = await ChildProcess.RunAsync(root.Path("usr/bin/streams"), ["-C", root.Path("etc/streams/streams.yaml"), "--dry-run"], Wait);
        dryRun.ExitCode.Should().Be(0, dryRun.Error);
        dryRun.Output.Should().Contain("streams/pack1/state {");

        var purge = await root.DpkgAsync("--purge", "streams");

        purge.ExitCode.Should().Be(0, purge.Output + purge.Error);
        File.Exists(root.Path("usr/bin/streams")).Should().BeFalse();
        File.Exists(root.Path("etc/streams/streams.yaml")).Should().BeFalse("a purge removes the conffile");
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify_and_asks_for_what_a_long_running_bridge_needs()
    {
        using var root = new ThrowawayRoot();
        (await root.DpkgAsync("--install", build.Deb("amd64"))).ExitCode.Should().Be(0);
        root.AddHostSystemdUnits();
        var unit = root.Path("lib/systemd/system/streams.service");

        var verify = await ChildProcess.RunAsync(
            ExternalTool.Find("systemd-analyze", "systemd"),
            ["verify", "--man=no", $"--root={root.Path(string.Empty)}", "/lib/systemd/system/streams.service"],
            Wait);

        verify.ExitCode.Should().Be(0, verify.Output + verify.Error);
        // An unknown key or a value it cannot parse is only a warning (exit 0) that names the file and line.
        (verify.Output + verify.Error).Should().NotContain("streams.service:", "systemd-analyze names the unit file when it finds a problem in it");
        var text = File.ReadAllText(unit);
        foreach (var line in new[]
        {
            "Type=notify", "WatchdogSec=60s", "User=streams", "Wants=network-online.target", "RestartPreventExitStatus=2",
            "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "StateDirectory=streams",
            "ExecStart=/usr/bin/streams -C /etc/streams/streams.yaml",
        })
        {
            text.Should().MatchRegex($"(?m)^{Regex.Escape(line)}$");
        }

        text.Should().MatchRegex("(?m)^After=network-online.target");
        text.Should().NotMatchRegex("(?m)^(PrivateDevices|DevicePolicy|DeviceAllow|ProtectClock)=", "each would close the serial adapters' device nodes");
    }

    [Fact]
    public async Task The_installed_binary_publishes_to_a_real_mosquitto_and_says_offline_on_SIGTERM()
    {
        using var root = new ThrowawayRoot();
        (await root.DpkgAsync("--install", build.Deb("amd64"))).ExitCode.Should().Be(0);
        await using var broker = await MosquittoBroker.StartAsync(Plain);
        await using var ha = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name));
        var config = Path.Combine(_dir.FullName, "installed.yaml");
        await File.WriteAllTextAsync(config, $"""
            sources:
              - kind: simulator
                device: eg4-ll
                poll_interval: 1s
                packs:
                  - name: cellar
                    address: 1
            mqtt:
              host: 127.0.0.1
              port: {broker.Port(Plain.Name)}
              client_id: streams-installed
            """);

        using var bridge = ChildProcess.Start(root.Path("usr/bin/streams"), ["-C", config]);

        await ha.WaitForAsync(m => m.Topic == "homeassistant/device/streams_cellar/config", what: "the pack's discovery");
        var state = await ha.WaitForAsync(m => m.Topic == "streams/cellar/state", what: "the pack's state");
        state.PayloadText.Should().StartWith("{\"pack_voltage\":");
        // A live delivery carries no retain flag [MQTT-3.3.1-9]; a subscriber that comes later gets the retained copy.
        await using (var later = await HomeAssistantWatcher.StartAsync(broker.Port(Plain.Name)))
        {
            (await later.WaitForAsync(m => m.Topic == "homeassistant/device/streams_cellar/config", what: "the retained discovery")).Retain.Should().BeTrue();
        }

        var mark = ha.Messages.Count;
        bridge.Terminate();
        (await bridge.WaitForExitAsync(TimeSpan.FromSeconds(15))).Should().Be(0, bridge.StandardError);
        await ha.WaitForAsync(m => m.Topic == "streams/bridge/availability" && m.PayloadText == "offline", since: mark, what: "the bridge offline");
    }

    [GeneratedRegex(@"^(?<mode>[-dlrwxst]{10}) (?<owner>\S+)\s+\d+ \S+ \S+ (?<path>\S+)")]
    private static partial Regex EntryLine();
}

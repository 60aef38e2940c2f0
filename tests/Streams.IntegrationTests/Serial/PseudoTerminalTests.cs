using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Serial;

public sealed class PseudoTerminalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-pty-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Allocates_a_device_path_under_dev_pts()
    {
        using var pty = PseudoTerminal.Open();

        pty.DevicePath.Should().MatchRegex("^/dev/pts/[0-9]+$");
        File.Exists(pty.DevicePath).Should().BeTrue();
        pty.Path.Should().Be(pty.DevicePath);
        pty.LinkPath.Should().BeNull();
        pty.Master.Path.Should().Be($"{pty.DevicePath} (master)");
    }

    [Fact]
    public void Two_pairs_get_distinct_devices()
    {
        using var first = PseudoTerminal.Open();
        using var second = PseudoTerminal.Open();

        first.DevicePath.Should().NotBe(second.DevicePath);
    }

    [Fact]
    public void A_link_path_points_at_the_device_and_is_removed_on_dispose()
    {
        var link = System.IO.Path.Combine(_directory, "bms");
        var pty = PseudoTerminal.Open(link);

        new FileInfo(link).LinkTarget.Should().Be(pty.DevicePath);
        pty.Path.Should().Be(link);

        pty.Dispose();

        new FileInfo(link).Exists.Should().BeFalse();
        new FileInfo(link).LinkTarget.Should().BeNull();
    }

    [Fact]
    public void A_stale_symlink_is_replaced()
    {
        var link = System.IO.Path.Combine(_directory, "bms");
        File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");

        using var pty = PseudoTerminal.Open(link);

        new FileInfo(link).LinkTarget.Should().Be(pty.DevicePath);
    }

    [Fact]
    public void A_link_repointed_by_a_newer_pair_survives_the_older_pairs_dispose()
    {
        var link = System.IO.Path.Combine(_directory, "bms");
        var older = PseudoTerminal.Open(link);
        using var newer = PseudoTerminal.Open(link);

        older.Dispose();

        new FileInfo(link).LinkTarget.Should().Be(newer.DevicePath);
    }

    [Fact]
    public void A_regular_file_at_the_link_path_is_not_overwritten()
    {
        var link = System.IO.Path.Combine(_directory, "bms");
        File.WriteAllText(link, "keep me");

        var act = () => PseudoTerminal.Open(link);

        act.Should().Throw<IOException>()
            .WithMessage($"Cannot create serial link {link}: a file that is not a symlink is already there");
        File.ReadAllText(link).Should().Be("keep me");
    }

    [Fact]
    public async Task The_master_is_a_link_the_device_side_talks_to()
    {
        using var pty = PseudoTerminal.Open();
        using var port = TermiosSerialPort.Open(pty.Path);
        using var atMaster = new ByteCollector(pty.Master);

        port.Write("\r\n\u0003\u0011\u0013"u8);

        (await atMaster.WaitForAsync(5).Within()).Should().Equal(0x0D, 0x0A, 0x03, 0x11, 0x13);
    }

    [Fact]
    public async Task The_master_survives_the_app_closing_and_reopening_the_port()
    {
        using var pty = PseudoTerminal.Open();
        using var atMaster = new ByteCollector(pty.Master);
        using (var first = TermiosSerialPort.Open(pty.Path))
        {
            first.Write([1]);
            await atMaster.WaitForAsync(1).Within();
        }

        using var second = TermiosSerialPort.Open(pty.Path);
        second.Write([2]);

        (await atMaster.WaitForAsync(2).Within()).Should().Equal(1, 2);
        atMaster.Terminated.IsCompleted.Should().BeFalse("the pair holds the device side open, so the master sees no hangup");
    }

    [Fact]
    public async Task Disposing_the_pair_hangs_up_the_app_side()
    {
        var pty = PseudoTerminal.Open();
        using var port = TermiosSerialPort.Open(pty.Path);
        using var atPort = new ByteCollector(port);

        pty.Dispose();

        (await atPort.Terminated.Within()).Should().BeOfType<SerialDisconnectedException>();
    }
}

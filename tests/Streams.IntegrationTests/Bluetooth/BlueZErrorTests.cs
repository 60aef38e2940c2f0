using FluentAssertions;
using Streams.Core;
using Streams.Polling;
using Xunit;
using static Streams.IntegrationTests.Bluetooth.FakeBluezPolling;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>
/// What BlueZ answers with D-Bus errors, and a lost bus, do to the JBD BLE poller: each failure is a
/// poll whose detail is one line naming the error, the errors BlueZ uses for "already there" are
/// tolerated, and the next poll recovers.
/// </summary>
public sealed class BlueZErrorTests
{
    [Fact]
    public async Task A_refused_Connect_fails_one_poll_with_the_error_name_and_the_next_poll_connects()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        await bluez.FailNextAsync("Connect", "org.bluez.Error.Failed");
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));

        var failed = await polls.NextAsync(_ => true, Wait);
        var next = await polls.NextAsync(_ => true, Wait);

        OneLine(failed).Should().Be("BlueZ answered Device1.Connect with org.bluez.Error.Failed: le-connection-abort-by-local");
        failed.Outcome.Category.Should().Be("BlueZErrorException:BlueZ answered Device1.Connect with org.bluez.Error.Failed");
        next.Outcome.Succeeded.Should().BeTrue(next.ToString());
    }

    [Fact]
    public async Task Connect_answering_InProgress_still_waits_for_the_services_and_polls()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        await bluez.FailNextAsync("Connect", "org.bluez.Error.InProgress", proceed: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));

        var first = await polls.NextAsync(_ => true, Wait);

        first.Outcome.Succeeded.Should().BeTrue(first.ToString());
        (await bluez.ConnectsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_device_another_client_connected_answers_AlreadyConnected_and_is_polled()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        await bluez.ConnectDeviceAsync();
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));

        var first = await polls.NextAsync(_ => true, Wait);

        first.Outcome.Succeeded.Should().BeTrue(first.ToString());
        (await bluez.ConnectsAsync()).Should().Be(1, "the second Connect was answered with AlreadyConnected");
    }

    [Fact]
    public async Task A_refused_write_drops_the_link_with_the_error_name_and_the_next_poll_reconnects()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));
        await polls.NextSuccessAsync(Wait);

        await bluez.FailNextAsync("WriteValue", "org.bluez.Error.NotConnected");
        var failed = await polls.NextAsync(p => !p.Outcome.Succeeded, Wait);
        var next = await polls.NextAsync(_ => true, Wait);

        OneLine(failed).Should().Be(
            $"Bluetooth link to {FakeBluez.Mac} lost: BlueZ answered GattCharacteristic1.WriteValue with org.bluez.Error.NotConnected: Not connected");
        next.Outcome.Succeeded.Should().BeTrue(next.ToString());
        (await bluez.ConnectsAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Losing_the_bus_fails_polls_with_one_line_naming_the_bus()
    {
        await using var bluez = await FakeBluez.StartAsync(known: true);
        using var link = Link(bluez);
        using var polls = new PollLog(Polls(link));
        await polls.NextSuccessAsync(Wait);

        await bluez.Daemon.KillAsync();
        var failed = await polls.NextAsync(p => !p.Outcome.Succeeded, Wait);

        OneLine(failed).Should().Contain("D-Bus system bus");
    }

    /// <summary>The failure's detail, checked to be one line with no stack trace.</summary>
    private static string OneLine(PackPoll poll)
    {
        poll.Outcome.Succeeded.Should().BeFalse();
        var detail = poll.Outcome.Detail!;
        detail.Should().NotContain("\n").And.NotContain("   at ");
        return detail;
    }
}

using System.Reactive.Linq;
using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Health;
using Streams.Tests.Polling;
using Xunit;

namespace Streams.Tests.Health;

public class PackHealthTests
{
    private static readonly DeviceInfo Pack1 = new("pack1", Eg4LlDevice.Protocol, "EG4 Electronics", "test");
    private static readonly DeviceInfo Pack2 = new("pack2", Eg4LlDevice.Protocol, "EG4 Electronics", "test");

    [Fact]
    public void Each_pack_gets_its_own_error_reports_and_availability()
    {
        using var run = new PollRun();
        var polls = new Subject<PackPoll>();
        var changes = new List<string>();
        using var subscription = polls.MonitorHealth(new HealthOptions(2, TimeSpan.FromHours(1)), run.Log, run.Scheduler)
            .Subscribe(change => changes.Add(change.ToString()));
        PackPoll Ok(DeviceInfo device) => PackPoll.Success(new Reading(device, run.Scheduler.Now, []));
        PackPoll Timeout(DeviceInfo device) =>
            PackPoll.Failure(device, PollOutcome.FromException(new TimeoutException("read of registers 0-38 from 0x02: no reply within 1 s")), run.Scheduler.Now);

        polls.OnNext(Ok(Pack1));
        polls.OnNext(Ok(Pack2));
        polls.OnNext(Ok(Pack1));
        polls.OnNext(Timeout(Pack2));
        polls.OnNext(Ok(Pack1));
        polls.OnNext(Timeout(Pack2));
        polls.OnNext(Timeout(Pack2));
        polls.OnNext(Ok(Pack2));

        changes.Should().Equal("pack1 online", "pack2 online", "pack2 offline", "pack2 online");
        run.LogLines.Should().Equal(
            "pack pack2: read of registers 0-38 from 0x02: no reply within 1 s",
            "pack pack2: recovered after 3 failed cycle(s)");
    }

    [Fact]
    public void A_lasting_failure_is_logged_again_at_the_heartbeat()
    {
        using var run = new PollRun();
        var polls = new Subject<PackPoll>();
        using var subscription = polls.MonitorHealth(new HealthOptions(3, TimeSpan.FromHours(1)), run.Log, run.Scheduler).Subscribe();

        polls.OnNext(PackPoll.Failure(Pack1, PollOutcome.Failure("PortDisconnected:/dev/x", "port /dev/x disconnected: gone"), run.Scheduler.Now));
        run.Advance(TimeSpan.FromHours(1));

        run.LogLines.Should().Equal(
            "pack pack1: port /dev/x disconnected: gone",
            "pack pack1: still failing (1 cycles): port /dev/x disconnected: gone");
    }

    [Fact]
    public void Offline_after_must_be_positive()
    {
        var act = () => Observable.Never<PackPoll>().TrackAvailability(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

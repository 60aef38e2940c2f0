using System.Reactive.Linq;
using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Polling;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Polling;

public class RequestReplyTests
{
    private static readonly byte[] Request = [0x01, 0x02];

    private static PollRequest<string> Asking(string reply) =>
        new(Request, frame => frame == reply ? ReplyMatch.Reply : frame == "echo" ? ReplyMatch.Echo : ReplyMatch.Foreign, "read of x from 0x01");

    private readonly MarbleScheduler _scheduler = new(TimeSpan.FromMilliseconds(1));
    private readonly Subject<string> _frames = new();
    private readonly CorrelationCounters _counters = new();
    private readonly List<byte[]> _written = [];

    private (List<string> Items, Func<Exception?> Error, Func<bool> Completed) Run(PollRequest<string> request, TimeSpan timeout)
    {
        var items = new List<string>();
        Exception? error = null;
        var completed = false;
        _frames.RequestReply(bytes => _written.Add(bytes.ToArray()), request, timeout, _scheduler, _counters)
            .Subscribe(items.Add, e => error = e, () => completed = true);
        return (items, () => error, () => completed);
    }

    [Fact]
    public void The_first_matching_frame_is_the_reply_and_others_heard_meanwhile_are_counted()
    {
        var (items, error, completed) = Run(Asking("reply"), TimeSpan.FromSeconds(1));

        _frames.OnNext("echo");
        _frames.OnNext("other pack");
        _frames.OnNext("reply");
        _frames.OnNext("reply");

        _written.Should().ContainSingle().Which.Should().Equal(Request);
        items.Should().Equal("reply");
        completed().Should().BeTrue();
        error().Should().BeNull();
        (_counters.Requests, _counters.Replies, _counters.Echoes, _counters.Foreign, _counters.Timeouts)
            .Should().Be((1L, 1L, 1L, 1L, 0L));
    }

    [Fact]
    public void No_reply_within_the_timeout_is_a_timeout_error_naming_the_request()
    {
        var (items, error, _) = Run(Asking("reply"), TimeSpan.FromMilliseconds(1500));

        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1499).Ticks);
        error().Should().BeNull();
        _scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1).Ticks);

        items.Should().BeEmpty();
        error().Should().BeOfType<TimeoutException>().Which.Message.Should().Be("read of x from 0x01: no reply within 1.5 s");
        _counters.Timeouts.Should().Be(1);
        _frames.HasObservers.Should().BeFalse("the exchange lets go of the bus when it ends");
    }

    [Fact]
    public void A_reply_after_the_timeout_is_not_delivered()
    {
        var (items, error, _) = Run(Asking("reply"), TimeSpan.FromSeconds(1));
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        _frames.OnNext("reply");

        items.Should().BeEmpty();
        error().Should().BeOfType<TimeoutException>();
        _counters.Replies.Should().Be(0);
    }

    [Fact]
    public void A_failing_write_is_the_error_and_starts_no_timer()
    {
        var failure = new IOException("write failed");
        Exception? error = null;
        _frames.RequestReply(_ => throw failure, Asking("reply"), TimeSpan.FromSeconds(1), _scheduler, _counters)
            .Subscribe(_ => { }, e => error = e);

        error.Should().BeSameAs(failure);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
        _counters.Timeouts.Should().Be(0);
    }

    [Fact]
    public void A_bus_that_already_failed_gets_no_request()
    {
        var lost = new IOException("hangup");
        Exception? error = null;
        Observable.Throw<string>(lost)
            .RequestReply(bytes => _written.Add(bytes.ToArray()), Asking("reply"), TimeSpan.FromSeconds(1), _scheduler, _counters)
            .Subscribe(_ => { }, e => error = e);

        error.Should().BeSameAs(lost);
        _written.Should().BeEmpty();
    }

    [Fact]
    public void Frames_ending_before_the_reply_are_an_end_of_stream_error()
    {
        var (_, error, _) = Run(Asking("reply"), TimeSpan.FromSeconds(1));

        _frames.OnCompleted();

        error().Should().BeOfType<EndOfStreamException>().Which.Message.Should().StartWith("read of x from 0x01");
    }

    [Fact]
    public void A_throwing_matcher_is_the_error()
    {
        var request = new PollRequest<string>(Request, _ => throw new FormatException("bad"), "read");
        var (_, error, _) = Run(request, TimeSpan.FromSeconds(1));

        _frames.OnNext("x");

        error().Should().BeOfType<FormatException>();
    }

    [Fact]
    public void Disposing_before_the_reply_stops_listening_and_cancels_the_timeout()
    {
        var subscription = _frames.RequestReply(_ => { }, Asking("reply"), TimeSpan.FromSeconds(1), _scheduler, _counters)
            .Subscribe(_ => { }, _ => { });

        subscription.Dispose();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        _frames.HasObservers.Should().BeFalse();
        _counters.Timeouts.Should().Be(0);
    }

    [Fact]
    public void Arguments_are_checked_when_called()
    {
        var act = () => _frames.RequestReply(_ => { }, Asking("reply"), TimeSpan.Zero, _scheduler, _counters);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

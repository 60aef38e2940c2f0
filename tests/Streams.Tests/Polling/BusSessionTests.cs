using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Polling;
using Streams.Polling.Bus;
using Streams.Testing.Marbles;
using Xunit;

namespace Streams.Tests.Polling;

public class BusSessionTests
{
    [Fact]
    public void A_second_request_while_one_is_outstanding_is_refused_and_frames_between_requests_count_as_late()
    {
        var scheduler = new MarbleScheduler(TimeSpan.FromMilliseconds(1));
        var port = new ScriptedPort(scheduler);
        var link = (ScriptedPort.ScriptedLink)port.Open();
        var frames = new Subject<string>();
        var counters = new CorrelationCounters();
        using var session = new BusSession<string>(link, frames, counters);
        var request = new PollRequest<string>(new byte[] { 1 }, f => f == "reply" ? ReplyMatch.Reply : ReplyMatch.Foreign, "read");
        Exception? second = null;
        string? reply = null;

        frames.OnNext("before");
        using var first = session.Exchange(request, TimeSpan.FromSeconds(1), scheduler).Subscribe(r => reply = r);
        using var refused = session.Exchange(request, TimeSpan.FromSeconds(1), scheduler).Subscribe(_ => { }, e => second = e);
        frames.OnNext("reply");
        frames.OnNext("after");

        second.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("another request is still outstanding");
        reply.Should().Be("reply");
        port.Requests.Should().ContainSingle();
        counters.Late.Should().Be(2, "'before' and 'after' came with nothing outstanding");

        session.Exchange(request, TimeSpan.FromSeconds(1), scheduler).Subscribe(_ => { }, _ => { });
        port.Requests.Should().HaveCount(2, "the outstanding slot is free again after the reply");
    }
}

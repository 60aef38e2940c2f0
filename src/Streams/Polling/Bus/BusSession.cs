using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>
/// One open link of a bus: its received bytes, shared for the life of the link, and the one request
/// that may be outstanding on it. A reply belongs to the request it answers:
/// <list type="bullet">
/// <item>each request frames the line afresh from the moment it is written, so no byte received before
/// it (the start of a reply that came too late) can become part of its reply, as the seed flushed its
/// input before each request;</item>
/// <item>frames heard while nothing is outstanding are late (counted, dropped);</item>
/// <item>after a timeout the request is overdue for one more timeout (<see cref="OverdueReplies{TFrame}"/>):
/// its reply, when it comes, is late whatever is outstanding by then, and the same request (same
/// bytes, which would take that reply for its own) is held back until the late reply was heard (and
/// the gap kept after it) or the overdue time is over.</item>
/// </list>
/// </summary>
internal sealed class BusSession<TFrame> : IDisposable
    where TFrame : class
{
    private readonly ISerialLink _link;
    private readonly IObservable<ReadOnlyMemory<byte>> _bytes;
    private readonly Func<IObservable<ReadOnlyMemory<byte>>, IObservable<TFrame>> _framing;
    private readonly CorrelationCounters _counters;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _gap;
    private readonly OverdueReplies<TFrame> _overdue = new();
    private readonly SerialDisposable _idle = new();
    private readonly CompositeDisposable _resources;
    private long _outstanding;
    private long _nextExchange;

    /// <param name="link">The open link; its received bytes are subscribed once, for the session.</param>
    /// <param name="framing">Cuts bytes into frames; subscribed once per request and once per idle spell, each with an empty buffer.</param>
    /// <param name="counters">Correlation totals of the bus.</param>
    /// <param name="scheduler">Runs the timeouts and hold-backs; reads the clock.</param>
    /// <param name="gap">Silence kept after a late reply before the request it held back.</param>
    /// <param name="owned">Ends with the session (e.g. the capture of this connection), or null.</param>
    public BusSession(
        ISerialLink link,
        Func<IObservable<ReadOnlyMemory<byte>>, IObservable<TFrame>> framing,
        CorrelationCounters counters,
        IScheduler scheduler,
        TimeSpan gap,
        IDisposable? owned = null)
    {
        _link = link;
        _framing = framing;
        _counters = counters;
        _scheduler = scheduler;
        _gap = gap;
        // One subscription to the link: a capture records every chunk once, whoever frames it.
        var bytes = link.Received.Publish();
        _bytes = bytes;
        Listen();
        _resources = new CompositeDisposable(_idle, bytes.Connect());
        if (owned is not null)
        {
            _resources.Add(owned);
        }
    }

    /// <summary>Writes <paramref name="request"/> (after its hold-back, if any) and waits for its reply.</summary>
    public IObservable<TFrame> Exchange(PollRequest<TFrame> request, TimeSpan timeout) =>
        Observable.Defer(() =>
        {
            var id = Interlocked.Increment(ref _nextExchange);
            if (Interlocked.CompareExchange(ref _outstanding, id, 0) != 0)
            {
                return Observable.Throw<TFrame>(new InvalidOperationException(
                    $"{request.Description}: another request is still outstanding on {_link.Path}"));
            }

            // From here until the end of the exchange, the exchange frames the line itself.
            _idle.Disposable = Disposable.Empty;
            var ended = 0;
            void End()
            {
                if (Interlocked.Exchange(ref ended, 1) == 0)
                {
                    // Listening again before the release, so the next exchange (which may start from the
                    // reply's notification) finds the idle listener to stop.
                    Listen();
                    Interlocked.CompareExchange(ref _outstanding, 0, id);
                }
            }

            return HoldBack(request)
                .Concat(Observable.Defer(() => _framing(_bytes)
                    .RequestReply(bytes => _link.Write(bytes.Span), WithLateReplies(request), timeout, _scheduler, _counters)))
                .Do(
                    _ => End(),
                    error =>
                    {
                        if (error is TimeoutException)
                        {
                            _overdue.Add(request, _scheduler.Now + timeout);
                        }

                        End();
                    })
                .Finally(End);
        });

    public void Dispose() => _resources.Dispose();

    /// <summary>Frames heard with nothing outstanding: late, and the end of a request's overdue time if they answer it.</summary>
    private void Listen() =>
        _idle.Disposable = _framing(_bytes).Subscribe(
            frame =>
            {
                _counters.AddLate();
                _overdue.IsLateReply(frame, _scheduler.Now);
            },
            static _ => { },
            static () => { });

    /// <summary>Nothing, or the wait for the late reply of the same request (then the gap), at most until its overdue time ends.</summary>
    private IObservable<TFrame> HoldBack(PollRequest<TFrame> request)
    {
        var now = _scheduler.Now;
        if (_overdue.HoldsBack(request, now) is not { } until)
        {
            return Observable.Empty<TFrame>();
        }

        var lateReply = _framing(_bytes)
            .Do(_ => _counters.AddLate())
            .Where(frame => _overdue.IsLateReply(frame, _scheduler.Now))
            .Select(_ => _gap);
        return lateReply
            .Merge(Observable.Timer(until - now, _scheduler).Select(static _ => TimeSpan.Zero))
            .Take(1)
            .SelectMany(wait => wait > TimeSpan.Zero ? Observable.Timer(wait, _scheduler) : Observable.Return(0L))
            .IgnoreElements()
            .Select(static _ => default(TFrame)!);
    }

    /// <summary>The request, with the late replies of overdue requests told apart from foreign frames.</summary>
    private PollRequest<TFrame> WithLateReplies(PollRequest<TFrame> request) =>
        request with
        {
            Match = frame =>
            {
                var match = request.Match(frame);
                return match == ReplyMatch.Foreign && _overdue.IsLateReply(frame, _scheduler.Now) ? ReplyMatch.Late : match;
            },
        };
}

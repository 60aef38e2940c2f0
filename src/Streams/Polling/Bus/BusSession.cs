using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>
/// One open link of a bus: its frames, shared for the life of the link, and the one request that
/// may be outstanding on it. Frames heard while nothing is outstanding are counted as late.
/// </summary>
internal sealed class BusSession<TFrame> : IDisposable
    where TFrame : class
{
    private readonly ISerialLink _link;
    private readonly IObservable<TFrame> _frames;
    private readonly CorrelationCounters _counters;
    private readonly CompositeDisposable _resources;
    private long _outstanding;
    private long _nextExchange;

    /// <param name="owned">Ends with the session (e.g. the capture of this connection), or null.</param>
    public BusSession(ISerialLink link, IObservable<TFrame> frames, CorrelationCounters counters, IDisposable? owned = null)
    {
        _link = link;
        _counters = counters;
        var shared = frames.Publish();
        _frames = shared;
        // Subscribed before any exchange, so it sees each frame before the exchange waiting for it.
        var late = shared.Subscribe(
            _ =>
            {
                if (Interlocked.Read(ref _outstanding) == 0)
                {
                    counters.AddLate();
                }
            },
            static _ => { },
            static () => { });
        _resources = new CompositeDisposable(late, shared.Connect());
        if (owned is not null)
        {
            _resources.Add(owned);
        }
    }

    public IObservable<TFrame> Exchange(PollRequest<TFrame> request, TimeSpan timeout, IScheduler scheduler) =>
        Observable.Defer(() =>
        {
            var id = Interlocked.Increment(ref _nextExchange);
            if (Interlocked.CompareExchange(ref _outstanding, id, 0) != 0)
            {
                return Observable.Throw<TFrame>(new InvalidOperationException(
                    $"{request.Description}: another request is still outstanding on {_link.Path}"));
            }

            void Release() => Interlocked.CompareExchange(ref _outstanding, 0, id);

            return _frames
                .RequestReply(bytes => _link.Write(bytes.Span), request, timeout, scheduler, _counters)
                .Do(_ => Release(), _ => Release())
                .Finally(Release);
        });

    public void Dispose() => _resources.Dispose();
}

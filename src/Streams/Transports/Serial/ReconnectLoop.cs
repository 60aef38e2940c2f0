using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Streams.Transports.Serial;

/// <summary>
/// One subscription of <see cref="SerialLinks.Reconnecting"/>: open, watch the link, report, back
/// off, reopen. Every step runs as an action on the injected scheduler (a link's loss, which
/// arrives on its reader thread, is re-scheduled), and each step is the only one pending: open →
/// watch → loss → retry → open. <see cref="_gate"/> guards the state a concurrent
/// <see cref="Dispose"/> also reads; the observer is called after the gate is released, and its
/// calls cannot overlap because <see cref="LinkStatus.Connected"/> is emitted before the link is
/// watched, so no loss can overtake it.
/// </summary>
internal sealed class ReconnectLoop : IDisposable
{
    private readonly Func<ISerialLink> _open;
    private readonly ReconnectPolicy _policy;
    private readonly IScheduler _scheduler;
    private readonly IObserver<LinkStatus> _observer;
    private readonly Lock _gate = new();
    private readonly SerialDisposable _pending = new();
    private readonly SerialDisposable _watch = new();
    private ISerialLink? _link;
    private int _generation;
    private int _failures;
    private bool _disposed;

    public ReconnectLoop(Func<ISerialLink> open, ReconnectPolicy policy, IScheduler scheduler, IObserver<LinkStatus> observer)
    {
        _open = open;
        _policy = policy;
        _scheduler = scheduler;
        _observer = observer;
        _pending.Disposable = scheduler.Schedule(Attempt);
    }

    public void Dispose()
    {
        ISerialLink? link;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            link = _link;
            _link = null;
        }

        _pending.Dispose();
        _watch.Dispose();
        link?.Dispose();
    }

    private void Attempt()
    {
        ISerialLink link;
        try
        {
            link = _open();
        }
        catch (IOException failure)
        {
            ReportAndRetry(failure);
            return;
        }
        catch (Exception bug)
        {
            // Not a device problem (bad settings, a bug): retrying cannot help.
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _observer.OnError(bug);
            return;
        }

        int generation;
        lock (_gate)
        {
            if (!_disposed)
            {
                _link = link;
                _failures = 0;
                generation = ++_generation;
            }
            else
            {
                generation = -1;
            }
        }

        if (generation < 0)
        {
            link.Dispose();
            return;
        }

        _observer.OnNext(new LinkStatus.Connected(link));
        _watch.Disposable = link.Received.Subscribe(
            static _ => { },
            error => Lost(generation, error),
            () => Lost(generation, new SerialDisconnectedException(link.Path, "link closed")));
    }

    private void Lost(int generation, Exception reason) =>
        _pending.Disposable = _scheduler.Schedule(() => HandleLoss(generation, reason));

    private void HandleLoss(int generation, Exception reason)
    {
        ISerialLink? lost;
        lock (_gate)
        {
            if (_disposed || generation != _generation || _link is null)
            {
                return;
            }

            lost = _link;
            _link = null;
        }

        _watch.Disposable = null;
        lost.Dispose();
        ReportAndRetry(reason);
    }

    private void ReportAndRetry(Exception reason)
    {
        TimeSpan delay;
        int failures;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            failures = ++_failures;
            delay = _policy.DelayBefore(failures);

            // Armed before the reports go out, so a subscriber that disposes while handling them
            // also cancels the retry.
            _pending.Disposable = _scheduler.Schedule(delay, Attempt);
        }

        _observer.OnNext(new LinkStatus.Disconnected(reason));
        _observer.OnNext(new LinkStatus.RetryIn(delay, failures));
    }
}

using System.Reactive.Disposables;
using System.Reactive.Subjects;

namespace Streams.Testing.Marbles;

/// <summary>
/// A hot input: notifications happen at absolute frames whoever listens, and are shared. Late
/// subscribers after a terminal marble receive that terminal at once (subject semantics, as RxJS).
/// </summary>
public sealed class HotMarble(string name, MarbleScheduler scheduler, MarbleDiagram diagram, Func<char, string> valueOf, Func<Exception> errorOf)
    : MarbleInput(name, scheduler, diagram, valueOf, errorOf)
{
    // The subject is the hot source's own edge: the diagram is the callback that feeds it.
    private readonly Subject<string> _subject = new();
    private bool _armed;

    /// <inheritdoc />
    protected override IDisposable SubscribeCore(IObserver<string> observer)
    {
        var index = LogSubscribe();
        var inner = _subject.Subscribe(observer);
        return Disposable.Create(() =>
        {
            inner.Dispose();
            LogUnsubscribe(index);
        });
    }

    /// <summary>
    /// Schedules every notification at its absolute frame. Arm after scheduling the subscriptions so a
    /// subscription and a marble in the same frame see the subscription first.
    /// </summary>
    public override void Arm()
    {
        if (_armed)
        {
            throw new InvalidOperationException($"hot input '{Name}' is already armed");
        }

        _armed = true;

        // Armed late (first requested while the run is going), the past has happened without listeners.
        foreach (var (frame, notification) in Notifications.Where(n => Scheduler.TicksOf(n.Frame) >= Scheduler.Clock))
        {
            Scheduler.ScheduleAbsolute(
                (notification, subject: _subject),
                Scheduler.TicksOf(frame),
                static (_, s) =>
                {
                    s.notification.Accept(s.subject);
                    return Disposable.Empty;
                });
        }
    }
}

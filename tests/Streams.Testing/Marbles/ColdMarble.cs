using System.Reactive.Disposables;

namespace Streams.Testing.Marbles;

/// <summary>A cold input: each subscription replays the diagram from its own subscription time.</summary>
public sealed class ColdMarble(string name, MarbleScheduler scheduler, MarbleDiagram diagram, Func<char, string> valueOf, Func<Exception> errorOf)
    : MarbleInput(name, scheduler, diagram, valueOf, errorOf)
{
    /// <inheritdoc />
    protected override IDisposable SubscribeCore(IObserver<string> observer)
    {
        var index = LogSubscribe();
        var start = Scheduler.Clock;
        var scheduled = new CompositeDisposable(Notifications.Count);
        foreach (var (frame, notification) in Notifications)
        {
            scheduled.Add(Scheduler.ScheduleAbsolute(
                (notification, observer),
                start + Scheduler.TicksOf(frame),
                static (_, s) =>
                {
                    s.notification.Accept(s.observer);
                    return Disposable.Empty;
                }));
        }

        return Disposable.Create(() =>
        {
            scheduled.Dispose();
            LogUnsubscribe(index);
        });
    }
}

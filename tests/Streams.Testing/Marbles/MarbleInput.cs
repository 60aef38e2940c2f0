using System.Reactive;
using System.Reactive.Linq;

namespace Streams.Testing.Marbles;

/// <summary>
/// A test observable of value literals that logs every subscription window in frames. Like a source
/// built with <c>Observable.Create</c>, a subscription is disposed (and its window closed) as soon as
/// it delivers '|' or '#'.
/// </summary>
public abstract class MarbleInput : IObservable<string>
{
    private readonly List<MarbleSubscription> _subscriptions = [];
    private readonly IObservable<string> _source;

    /// <summary>Builds the notifications of <paramref name="diagram"/> once; subclasses decide when they happen.</summary>
    protected MarbleInput(string name, MarbleScheduler scheduler, MarbleDiagram diagram, Func<char, string> valueOf, Func<Exception> errorOf)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(valueOf);
        ArgumentNullException.ThrowIfNull(errorOf);
        Name = name;
        Scheduler = scheduler;
        _source = Observable.Create<string>(SubscribeCore);
        Notifications = diagram.Events
            .Select(e => (e.Frame, e.Kind switch
            {
                MarbleEventKind.Next => Notification.CreateOnNext(valueOf(e.Key)),
                MarbleEventKind.Completed => Notification.CreateOnCompleted<string>(),
                _ => Notification.CreateOnError<string>(errorOf()),
            }))
            .ToArray();
    }

    /// <summary>The diagram's name in the file.</summary>
    public string Name { get; }

    /// <summary>Every subscription so far, in subscription order.</summary>
    public IReadOnlyList<MarbleSubscription> Subscriptions => _subscriptions;

    /// <summary>The scheduler whose clock the log and the notifications use.</summary>
    protected MarbleScheduler Scheduler { get; }

    /// <summary>Notifications with their diagram frames.</summary>
    protected IReadOnlyList<(long Frame, Notification<string> Notification)> Notifications { get; }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<string> observer) => _source.Subscribe(observer);

    /// <summary>Starts absolute-time delivery; called by the run after the scenario's subscription is scheduled.</summary>
    public virtual void Arm()
    {
    }

    /// <summary>Delivers the notifications to one subscriber; the returned disposable must close its log window.</summary>
    protected abstract IDisposable SubscribeCore(IObserver<string> observer);

    /// <summary>Logs a subscription starting now; returns its index for <see cref="LogUnsubscribe"/>.</summary>
    protected int LogSubscribe()
    {
        _subscriptions.Add(new MarbleSubscription(Scheduler.CurrentFrame, null));
        return _subscriptions.Count - 1;
    }

    /// <summary>Closes the window opened by <see cref="LogSubscribe"/> at the current frame.</summary>
    protected void LogUnsubscribe(int index) =>
        _subscriptions[index] = _subscriptions[index] with { Unsubscribe = Scheduler.CurrentFrame };
}

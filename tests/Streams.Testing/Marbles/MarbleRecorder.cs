namespace Streams.Testing.Marbles;

/// <summary>Observer that timestamps every notification with the scheduler's clock.</summary>
internal sealed class MarbleRecorder(MarbleScheduler scheduler) : IObserver<string>
{
    private readonly List<MarbleRecord> _events = [];

    public IReadOnlyList<MarbleRecord> Events => _events;

    public void OnNext(string value) => _events.Add(new MarbleRecord(scheduler.Clock, MarbleEventKind.Next, value, null));

    public void OnCompleted() => _events.Add(new MarbleRecord(scheduler.Clock, MarbleEventKind.Completed, null, null));

    public void OnError(Exception error) =>
        _events.Add(new MarbleRecord(scheduler.Clock, MarbleEventKind.Error, null, MarbleError.Of(error)));
}

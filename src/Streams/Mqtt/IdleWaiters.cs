namespace Streams.Mqtt;

/// <summary>
/// Tasks that complete when a publisher has nothing left to send (see
/// <see cref="MqttLatestStatePublisher.WhenIdleAsync"/>). Not thread-safe: the publisher calls it
/// under its lock, and completes what <see cref="TakeAll"/> returned after releasing it.
/// </summary>
internal sealed class IdleWaiters
{
    private readonly List<TaskCompletionSource> _waiting = [];

    /// <summary>A task that completes with the next <see cref="TakeAll"/> and <see cref="Complete"/>.</summary>
    public Task Add(CancellationToken cancellationToken)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add(idle);
        return idle.Task.WaitAsync(cancellationToken);
    }

    public List<TaskCompletionSource> TakeAll()
    {
        var waiters = new List<TaskCompletionSource>(_waiting);
        _waiting.Clear();
        return waiters;
    }

    /// <summary>Outside the lock: a waiter's continuation runs asynchronously anyway.</summary>
    public static void Complete(List<TaskCompletionSource> waiters) => waiters.ForEach(w => w.TrySetResult());

    public static void Fail(List<TaskCompletionSource> waiters, Exception error) => waiters.ForEach(w => w.TrySetException(error));
}

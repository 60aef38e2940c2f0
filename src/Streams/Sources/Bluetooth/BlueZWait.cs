using System.Reactive.Concurrency;

namespace Streams.Sources.Bluetooth;

/// <summary>"Watch for a signal, then act, then check": the race-free way to wait for a BlueZ state change.</summary>
internal static class BlueZWait
{
    /// <summary>
    /// Subscribes to <paramref name="signal"/> first, then runs <paramref name="actThenCheck"/> (which may
    /// already find the state reached), and otherwise waits for the first signal. Throws
    /// <see cref="TimeoutException"/> with <paramref name="timeoutMessage"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task UntilAsync<T>(
        IObservable<T> signal,
        Func<CancellationToken, Task<bool>> actThenCheck,
        TimeSpan timeout,
        IScheduler scheduler,
        string timeoutMessage,
        CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = signal.Subscribe(_ => reached.TrySetResult(), error => reached.TrySetException(error));
        using var timer = scheduler.Schedule(timeout, () => reached.TrySetException(new TimeoutException(timeoutMessage)));
        await using var cancel = cancellationToken.Register(() => reached.TrySetCanceled(cancellationToken));
        if (await actThenCheck(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await reached.Task.ConfigureAwait(false);
    }
}

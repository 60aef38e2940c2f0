using System.Reactive.Concurrency;

namespace Streams.Transports.Bluetooth;

/// <summary>"Watch for a signal, then act, then check": the race-free way to wait for a BlueZ state change.</summary>
internal static class BlueZWait
{
    /// <summary>
    /// Puts the watch in place first (<paramref name="watch"/> gets a callback for "reached" and one
    /// for the watch's end), then runs <paramref name="actThenCheck"/> (which may already find the
    /// state reached), and otherwise waits for "reached". Throws <see cref="TimeoutException"/> with
    /// <paramref name="timeoutMessage"/> after <paramref name="timeout"/>, and
    /// <see cref="BleLinkLostException"/> when the watch ends first (bluetoothd restarted, bus lost).
    /// </summary>
    public static async Task UntilAsync(
        Func<Action, Action<string>, Task<IDisposable>> watch,
        Func<CancellationToken, Task<bool>> actThenCheck,
        TimeSpan timeout,
        IScheduler scheduler,
        string timeoutMessage,
        CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = scheduler.Schedule(timeout, () => reached.TrySetException(new TimeoutException(timeoutMessage)));
        await using var cancel = cancellationToken.Register(() => reached.TrySetCanceled(cancellationToken));
        using var watching = await watch(
            () => reached.TrySetResult(),
            reason => reached.TrySetException(new BleLinkLostException(reason))).ConfigureAwait(false);
        if (await actThenCheck(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await reached.Task.ConfigureAwait(false);
    }
}

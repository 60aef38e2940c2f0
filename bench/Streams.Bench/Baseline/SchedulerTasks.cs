using System.Reactive.Concurrency;

namespace Streams.Bench.Baseline;

/// <summary>Task-shaped waits on an injected <see cref="IScheduler"/>, so no timer bypasses virtual time.</summary>
internal static class SchedulerTasks
{
    /// <summary>Cancels <paramref name="source"/> after <paramref name="dueTime"/> on <paramref name="scheduler"/>; dispose to disarm.</summary>
    public static IDisposable CancelAfter(this IScheduler scheduler, CancellationTokenSource source, TimeSpan dueTime) =>
        scheduler.Schedule(dueTime, () =>
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The guarded operation finished and released its source first.
            }
        });

    /// <summary>Completes after <paramref name="dueTime"/> on <paramref name="scheduler"/>, or cancels with <paramref name="cancellationToken"/>.</summary>
    public static Task Delay(this IScheduler scheduler, TimeSpan dueTime, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = scheduler.Schedule(dueTime, () => done.TrySetResult());
        var registration = cancellationToken.Register(() =>
        {
            timer.Dispose();
            done.TrySetCanceled(cancellationToken);
        });
        _ = done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return done.Task;
    }
}

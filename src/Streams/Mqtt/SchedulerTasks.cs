using System.Reactive.Concurrency;

namespace Streams.Mqtt;

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
}

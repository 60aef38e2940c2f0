using System.Reactive.Concurrency;

namespace Streams.Sources.DBus;

/// <summary>
/// An awaited method call: completes with the return, fails with the error reply, a timeout on
/// the connection's scheduler, cancellation, or connection loss, whichever comes first.
/// </summary>
internal sealed class PendingCall : IReplyHandler
{
    private readonly TaskCompletionSource<DBusMessage> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _timer;
    private CancellationTokenRegistration _cancellation;

    public Task<DBusMessage> Task => _completion.Task;

    /// <summary>Set by the connection once the call is queued; 0 before.</summary>
    public uint Serial { get; set; }

    /// <summary>Starts the timeout and the cancellation watch; <paramref name="abandon"/> unregisters the call and fails it.</summary>
    public void Arm(IScheduler scheduler, TimeSpan timeout, string description, CancellationToken cancellationToken, Action<PendingCall, Exception> abandon)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = scheduler.Schedule(timeout, () =>
                abandon(this, new TimeoutException($"D-Bus call {description} got no reply within {timeout.TotalSeconds:0.###} s.")));
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(() => abandon(this, new OperationCanceledException(cancellationToken)));
        }
    }

    public void OnReply(DBusMessage reply)
    {
        if (reply.Type == DBusMessageType.Error)
        {
            Finish(DBusReplies.ToException(reply));
        }
        else if (_completion.TrySetResult(reply))
        {
            Release();
        }
    }

    public void OnFailure(Exception error) => Finish(error);

    private void Finish(Exception error)
    {
        var done = error is OperationCanceledException canceled
            ? _completion.TrySetCanceled(canceled.CancellationToken)
            : _completion.TrySetException(error);
        if (done)
        {
            Release();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }
}

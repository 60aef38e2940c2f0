using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace Streams.Transports.Serial;

/// <summary>
/// The receiving half every byte link shares (<see cref="ISerialLink.Received"/>'s contract): the first
/// subscription starts one dedicated reader thread running the link's pump, which hands each chunk
/// to the subscribers present, in order, as an owned copy. The pump's end completes the stream
/// (stopped) or errors it (the device went away, or a subscriber threw); later subscribers get that
/// terminal at once.
/// </summary>
internal sealed class LinkReader
{
    // The callback edge between the reader thread and Rx; only the reader thread (or Stop before
    // any reader started) calls OnNext/OnError/OnCompleted.
    private readonly Subject<ReadOnlyMemory<byte>> _received = new();
    private readonly Lock _gate = new();
    private readonly string _threadName;
    private readonly Func<Exception?> _pump;
    private readonly Action<Exception> _failing;
    private Thread? _thread;
    private volatile bool _stopped;

    /// <param name="threadName">Names the reader thread.</param>
    /// <param name="pump">Reads until <see cref="IsStopped"/> (returns null) or until the link is lost or <see cref="Deliver"/> reports a subscriber's fault (returns that error).</param>
    /// <param name="failing">Runs on the reader thread before the error goes out: the link marks itself dead.</param>
    public LinkReader(string threadName, Func<Exception?> pump, Action<Exception> failing)
    {
        _threadName = threadName;
        _pump = pump;
        _failing = failing;
        Received = Observable.Create<ReadOnlyMemory<byte>>(observer =>
        {
            var subscription = _received.Subscribe(observer);
            Start();
            return subscription;
        });
    }

    public IObservable<ReadOnlyMemory<byte>> Received { get; }

    public bool IsStopped => _stopped;

    /// <summary>Hands a copy of <paramref name="chunk"/> to the subscribers; returns the exception of one that threw, else null.</summary>
    /// <remarks>A subscriber's fault ends the link: a dedicated thread has nobody to rethrow to, and crashing the process would hide the bug behind a restart loop.</remarks>
    public Exception? Deliver(ReadOnlySpan<byte> chunk)
    {
        try
        {
            _received.OnNext(chunk.ToArray());
            return null;
        }
        catch (Exception subscriberFault)
        {
            return subscriberFault;
        }
    }

    /// <summary>
    /// Stops reading: marks the reader stopped, lets <paramref name="wake"/> interrupt the pump, and
    /// waits for the reader thread to end (unless called on it), so no notification follows. False
    /// when already stopped.
    /// </summary>
    public bool Stop(Action wake)
    {
        Thread? thread;
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _stopped = true;
            thread = _thread;
        }

        wake();
        if (thread is null)
        {
            _received.OnCompleted();
        }
        else if (thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        return true;
    }

    private void Start()
    {
        lock (_gate)
        {
            if (_thread is not null || _stopped)
            {
                return;
            }

            _thread = new Thread(Run) { IsBackground = true, Name = _threadName };
            _thread.Start();
        }
    }

    private void Run()
    {
        var failure = _pump();
        if (failure is null)
        {
            _received.OnCompleted();
            return;
        }

        _failing(failure);
        _received.OnError(failure);
    }
}

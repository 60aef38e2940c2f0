using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Streams.Polling;

/// <summary>Request/reply correlation over a stream of frames heard on one bus.</summary>
internal static class RequestReplyExtensions
{
    /// <summary>
    /// Subscribes to <paramref name="frames"/>, writes <paramref name="request"/>, and emits the first
    /// frame that <see cref="PollRequest{TFrame}.Match"/> calls its <see cref="ReplyMatch.Reply"/>, then
    /// completes. Echoes of the request are ignored; any other frame heard meanwhile is dropped and
    /// counted as foreign.
    /// <list type="table">
    /// <item><term>reply in time</term><description>the reply, then completion.</description></item>
    /// <item><term>no reply within <paramref name="timeout"/> (from the end of the write)</term><description><see cref="TimeoutException"/> whose message starts with the request's description.</description></item>
    /// <item><term>write throws</term><description>that exception.</description></item>
    /// <item><term>frames error / complete</term><description>the error / <see cref="EndOfStreamException"/>.</description></item>
    /// </list>
    /// <code>
    /// frames : ----f--e--r1--r2-      (f foreign, e echo, r1 the reply)
    /// result : ----------(r1|)        timeout 1 s, frame 100 ms
    /// frames : -----------------
    /// result : ----------#           TimeoutException at 1 s
    /// </code>
    /// </summary>
    /// <remarks>
    /// One request per subscription: the caller makes sure only one is outstanding per bus (see the
    /// pollers). The frame stream should be hot and shared for the connection so that frames heard
    /// between requests are seen (and counted as late) by whoever owns it.
    /// </remarks>
    /// <param name="frames">Frames heard on the bus (hot).</param>
    /// <param name="write">Writes a request to the bus; may throw.</param>
    /// <param name="request">What to write and how to recognise the reply.</param>
    /// <param name="timeout">How long to wait for the reply after writing.</param>
    /// <param name="scheduler">Runs the timeout.</param>
    /// <param name="counters">Receives request, reply, timeout, foreign and echo counts; may be shared.</param>
    public static IObservable<TFrame> RequestReply<TFrame>(
        this IObservable<TFrame> frames,
        Action<ReadOnlyMemory<byte>> write,
        PollRequest<TFrame> request,
        TimeSpan timeout,
        IScheduler scheduler,
        CorrelationCounters counters)
        where TFrame : class
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        return Observable.Create<TFrame>(observer =>
        {
            var gate = new Lock();
            var finished = false;
            var heard = new SingleAssignmentDisposable();
            var timer = new SingleAssignmentDisposable();

            bool Finish()
            {
                lock (gate)
                {
                    if (finished)
                    {
                        return false;
                    }

                    finished = true;
                    return true;
                }
            }

            void Fail(Exception error)
            {
                if (Finish())
                {
                    observer.OnError(error);
                }
            }

            void OnFrame(TFrame frame)
            {
                ReplyMatch match;
                try
                {
                    match = request.Match(frame);
                }
                catch (Exception error)
                {
                    Fail(error);
                    return;
                }

                switch (match)
                {
                    case ReplyMatch.Reply when Finish():
                        counters.AddReply();
                        observer.OnNext(frame);
                        observer.OnCompleted();
                        break;
                    case ReplyMatch.Reply:
                        counters.AddLate();
                        break;
                    case ReplyMatch.Echo:
                        counters.AddEcho();
                        break;
                    default:
                        counters.AddForeign();
                        break;
                }
            }

            heard.Disposable = frames.Subscribe(
                OnFrame,
                Fail,
                () => Fail(new EndOfStreamException($"{request.Description}: the link closed before a reply")));

            lock (gate)
            {
                if (finished)
                {
                    return heard;
                }
            }

            try
            {
                counters.AddRequest();
                write(request.Bytes);
            }
            catch (Exception error)
            {
                Fail(error);
                return heard;
            }

            timer.Disposable = scheduler.Schedule(timeout, () =>
            {
                if (Finish())
                {
                    counters.AddTimeout();
                    observer.OnError(new TimeoutException($"{request.Description}: no reply within {timeout.TotalSeconds:0.###} s"));
                }
            });
            return new CompositeDisposable(heard, timer);
        });
    }
}

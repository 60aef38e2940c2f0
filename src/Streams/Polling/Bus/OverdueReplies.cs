namespace Streams.Polling.Bus;

/// <summary>
/// The requests of one bus session that timed out recently: a device may still answer them. Each
/// stays overdue for one more timeout after its own (a reply later than twice the timeout is not
/// told apart); a frame that one of them calls its reply is that request's late reply, and the
/// request is no longer overdue. Thread-safe: the session's idle listener and its exchanges use it.
/// </summary>
internal sealed class OverdueReplies<TFrame>
    where TFrame : class
{
    private readonly Lock _gate = new();
    private readonly List<(PollRequest<TFrame> Request, DateTimeOffset Until)> _overdue = [];

    /// <summary><paramref name="request"/> timed out; its reply may come until <paramref name="until"/>.</summary>
    public void Add(PollRequest<TFrame> request, DateTimeOffset until)
    {
        lock (_gate)
        {
            _overdue.RemoveAll(entry => entry.Request.Bytes.Span.SequenceEqual(request.Bytes.Span));
            _overdue.Add((request, until));
        }
    }

    /// <summary>
    /// True when <paramref name="frame"/> is the reply to an overdue request (which it then no longer is).
    /// A matcher that throws says no: the frame is then judged by the request outstanding, if any.
    /// </summary>
    public bool IsLateReply(TFrame frame, DateTimeOffset now)
    {
        lock (_gate)
        {
            _overdue.RemoveAll(entry => entry.Until <= now);
            var index = _overdue.FindIndex(entry => Answers(entry.Request, frame));
            if (index < 0)
            {
                return false;
            }

            _overdue.RemoveAt(index);
            return true;
        }
    }

    /// <summary>
    /// Until when <paramref name="request"/> must not be written, or null: the same request (same bytes)
    /// is overdue, and its late reply would be taken for the answer to this one.
    /// </summary>
    public DateTimeOffset? HoldsBack(PollRequest<TFrame> request, DateTimeOffset now)
    {
        lock (_gate)
        {
            _overdue.RemoveAll(entry => entry.Until <= now);
            foreach (var entry in _overdue)
            {
                if (entry.Request.Bytes.Span.SequenceEqual(request.Bytes.Span))
                {
                    return entry.Until;
                }
            }

            return null;
        }
    }

    private static bool Answers(PollRequest<TFrame> request, TFrame frame)
    {
        try
        {
            return request.Match(frame) == ReplyMatch.Reply;
        }
        catch (Exception)
        {
            return false;
        }
    }
}

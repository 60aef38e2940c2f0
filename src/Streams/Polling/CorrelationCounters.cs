namespace Streams.Polling;

/// <summary>
/// Running totals of request/reply correlation on one bus. Safe to read from another thread while
/// polling runs; survives reconnections and resubscription.
/// </summary>
internal sealed class CorrelationCounters
{
    private long _requests;
    private long _replies;
    private long _timeouts;
    private long _foreign;
    private long _late;
    private long _echoes;

    /// <summary>Requests written.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered in time.</summary>
    public long Replies => Interlocked.Read(ref _replies);

    /// <summary>Requests that got no reply within the timeout.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Frames heard while a request was outstanding that did not answer it (dropped).</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    /// <summary>Frames heard while no request was outstanding, e.g. a reply after its timeout (dropped).</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Our own requests read back from the line (ignored).</summary>
    public long Echoes => Interlocked.Read(ref _echoes);

    public override string ToString() =>
        $"{Requests} requests, {Replies} replies, {Timeouts} timeouts, {Foreign} foreign frames, {Late} late frames, {Echoes} echoes";

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddReply() => Interlocked.Increment(ref _replies);

    internal void AddTimeout() => Interlocked.Increment(ref _timeouts);

    internal void AddForeign() => Interlocked.Increment(ref _foreign);

    internal void AddLate() => Interlocked.Increment(ref _late);

    internal void AddEcho() => Interlocked.Increment(ref _echoes);
}

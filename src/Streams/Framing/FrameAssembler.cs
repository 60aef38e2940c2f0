namespace Streams.Framing;

/// <summary>
/// The state of one framing subscription: appends chunks to a bounded buffer, runs the framer over
/// it and emits owned frames. A framer that throws ends the stream with OnError instead of throwing
/// into the source.
/// </summary>
internal sealed class FrameAssembler<TFrame>
    where TFrame : class
{
    /// <summary>Bytes taken from a chunk at a time, so a huge chunk cannot grow the buffer.</summary>
    internal const int SliceLength = 4096;

    private readonly IChunkFramer<TFrame> _framer;
    private readonly FramingCounters _counters;
    private readonly IObserver<TFrame> _observer;
    private readonly ReassemblyBuffer _buffer;
    private bool _atBoundary = true;
    private bool _stopped;

    public FrameAssembler(IChunkFramer<TFrame> framer, FramingCounters counters, IObserver<TFrame> observer)
    {
        _framer = framer;
        _counters = counters;
        _observer = observer;
        _buffer = new ReassemblyBuffer(framer.MaxFrameLength + SliceLength);
    }

    public void Push(ReadOnlyMemory<byte> chunk)
    {
        var rest = chunk;
        while (!_stopped && !rest.IsEmpty)
        {
            var take = Math.Min(rest.Length, _buffer.Free);
            _buffer.Append(rest.Span[..take]);
            rest = rest[take..];
            Drain(endOfStream: false);
        }
    }

    public void Complete()
    {
        if (_stopped)
        {
            return;
        }

        Drain(endOfStream: true);
        if (!_stopped)
        {
            _stopped = true;
            _observer.OnCompleted();
        }
    }

    public void Fail(Exception error)
    {
        if (!_stopped)
        {
            _stopped = true;
            _observer.OnError(error);
        }
    }

    private void Drain(bool endOfStream)
    {
        while (!_stopped && _buffer.Count > 0)
        {
            TFrame? frame;
            try
            {
                if (!TryReadFrame(endOfStream, out frame))
                {
                    return;
                }
            }
            catch (Exception error)
            {
                Fail(error);
                return;
            }

            if (frame is not null)
            {
                _observer.OnNext(frame);
            }
        }
    }

    private bool TryReadFrame(bool endOfStream, out TFrame? frame)
    {
        frame = null;
        var buffered = _buffer.Span;
        var found = _framer.TryRead(buffered, endOfStream, out var consumed, out var bounds);
        var garbage = found ? bounds.Start : consumed;
        if (garbage > 0)
        {
            if (_atBoundary && _framer.IsDamagedFrameAt(buffered))
            {
                _counters.AddChecksumFailure();
            }

            _atBoundary = false;
            _counters.AddDiscarded(garbage);
        }

        if (!found)
        {
            // A framer never needs to keep a whole maximum frame undecided; if one did, drop the
            // excess rather than let the buffer fill up.
            var excess = buffered.Length - consumed - (_framer.MaxFrameLength - 1);
            if (excess > 0)
            {
                _counters.AddDiscarded(excess);
                consumed += excess;
                _atBoundary = false;
            }

            _buffer.Consume(consumed);
            return false;
        }

        frame = _framer.Accept(buffered.Slice(bounds.Start, bounds.Length));
        _counters.AddFrame();
        _buffer.Consume(consumed);
        _atBoundary = true;
        return true;
    }
}

namespace Streams.Framing;

/// <summary>
/// The loop every framer shares: find a possible frame start, let the protocol's rule decide it
/// (<see cref="CandidateVerdict"/>), take the first valid frame. Pure and allocation-free.
/// </summary>
internal static class CandidateScan
{
    /// <summary>
    /// Looks for the first complete frame in <paramref name="buffer"/>.
    /// </summary>
    /// <param name="rule">The protocol's rule; a struct, passed by reference so it can keep what it found.</param>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage.</param>
    /// <param name="consumed">
    /// On true, the end of the frame (bytes before it are garbage). On false, how many leading bytes
    /// are garbage; the caller keeps the rest for the next call.
    /// </param>
    /// <param name="frame">The frame found.</param>
    /// <returns>True when a complete frame was found; false when more data is needed.</returns>
    public static bool TryRead<TRule>(ref TRule rule, ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame)
        where TRule : struct, ICandidateRule
    {
        var firstPending = -1;
        var offset = 0;
        while (offset + rule.MinCandidateLength <= buffer.Length)
        {
            var hit = rule.NextCandidate(buffer[offset..]);
            if (hit < 0)
            {
                offset = buffer.Length - (rule.MinCandidateLength - 1);
                break;
            }

            offset += hit;
            switch (rule.Evaluate(buffer[offset..], endOfStream, out var length))
            {
                case CandidateVerdict.Valid:
                    frame = new FrameBounds(offset, length);
                    consumed = frame.End;
                    return true;
                case CandidateVerdict.Pending when !rule.SkipsUndecided:
                    frame = default;
                    consumed = offset;
                    return false;
                case CandidateVerdict.Pending when firstPending < 0:
                    firstPending = offset;
                    break;
            }

            offset++;
        }

        frame = default;
        consumed = firstPending >= 0 ? firstPending : endOfStream ? buffer.Length : Math.Min(offset, buffer.Length);
        return false;
    }
}

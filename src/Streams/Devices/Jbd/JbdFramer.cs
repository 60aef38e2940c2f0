using Streams.Framing;

namespace Streams.Devices.Jbd;

/// <summary>
/// Finds JBD "DD … 77" frames (responses and read/write requests) in a byte stream such as
/// reassembled BLE notifications: length-driven, end marker and checksum checked. Pure and
/// allocation-free.
/// </summary>
/// <remarks>
/// A 0xDD that is not followed by a valid frame is skipped. When one still waits for bytes, a
/// complete valid frame after it is accepted at once: a stale fragment left by a dropped BLE link
/// must not hold back the next reply until enough bytes arrived to refute it. A false frame inside
/// a real one would need 0xDD, the length, the checksum and 0x77 all to line up.
/// </remarks>
internal static class JbdFramer
{
    public const int MaxFrameLength = JbdLayout.MaxFrameLength;

    /// <summary>More data may follow.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out int consumed, out FrameBounds frame) =>
        TryRead(buffer, endOfStream: false, out consumed, out frame);

    /// <summary>
    /// Looks for the first complete frame in <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage.</param>
    /// <param name="consumed">
    /// On true, the end of the frame (bytes before it are garbage). On false, how many leading bytes
    /// are garbage; keep the rest (fewer than <see cref="MaxFrameLength"/> bytes) for the next call.
    /// </param>
    /// <param name="frame">The frame found.</param>
    /// <returns>True when a complete frame was found; false when more data is needed.</returns>
    public static bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame)
    {
        var rule = default(Rule);
        return CandidateScan.TryRead(ref rule, buffer, endOfStream, out consumed, out frame);
    }

    /// <summary>
    /// True when <paramref name="following"/> starts with a complete DD … 77 frame whose checksum is
    /// wrong: start marker, length and end marker all agree, only the sum does not.
    /// </summary>
    internal static bool IsDamagedFrameAt(ReadOnlySpan<byte> following)
    {
        if (following.Length < JbdLayout.Overhead || following[0] != JbdLayout.Start)
        {
            return false;
        }

        var length = JbdLayout.Overhead + following[3];
        return following.Length >= length && following[length - 1] == JbdLayout.End && !HasValidChecksum(following[..length]);
    }

    private readonly struct Rule : ICandidateRule
    {
        public int MinCandidateLength => 1;

        public bool SkipsUndecided => true;

        public int NextCandidate(ReadOnlySpan<byte> rest) => rest.IndexOf(JbdLayout.Start);

        public CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length) =>
            EvaluateAt(rest, endOfStream, out length);
    }

    private static CandidateVerdict EvaluateAt(ReadOnlySpan<byte> rest, bool endOfStream, out int length)
    {
        length = 0;
        if (rest.Length < 4)
        {
            return endOfStream ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
        }

        length = JbdLayout.Overhead + rest[3];
        if (rest.Length < length)
        {
            return endOfStream ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
        }

        return rest[length - 1] == JbdLayout.End && HasValidChecksum(rest[..length])
            ? CandidateVerdict.Valid
            : CandidateVerdict.Invalid;
    }

    private static bool HasValidChecksum(ReadOnlySpan<byte> frame) => JbdChecksum.Expected(frame) == JbdChecksum.Sent(frame);
}

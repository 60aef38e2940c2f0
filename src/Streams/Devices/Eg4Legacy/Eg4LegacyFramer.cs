using Streams.Devices.Jbd;
using Streams.Framing;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// Finds EG4 LifePower (v1) "7E … 0D" frames in a byte stream. Nobody knows the checksum, so a frame
/// is accepted on structure alone: 0x7E, 0x0D at len + 5, and for a general-status (0x01) reply ten
/// groups that fill the body exactly; other replies either that or printable ASCII (NUL padding
/// allowed), which is what firmware (0x33) and hardware (0x42) replies carry.
/// Pure and allocation-free.
/// </summary>
/// <remarks>
/// Unlike <see cref="JbdFramer"/>, whose checksum makes a frame found inside another one
/// implausible, this framer never skips past an undecided 0x7E: leftmost first, so that any
/// chunking of a stream yields the same frames.
/// </remarks>
internal static class Eg4LegacyFramer
{
    public const int MaxFrameLength = Eg4LegacyLayout.MaxFrameLength;

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

    // The earliest undecided 0x7E is decided first. With no checksum, a "frame" can be found inside a
    // reply still arriving; taking it would make the frames found depend on where the chunks were cut.
    // The wait is short: a stale fragment is refuted by the first byte that breaks its groups, or by
    // its end marker.
    private readonly struct Rule : ICandidateRule
    {
        public int MinCandidateLength => 1;

        public bool SkipsUndecided => false;

        public int NextCandidate(ReadOnlySpan<byte> rest) => rest.IndexOf(Eg4LegacyLayout.Start);

        public CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length) =>
            EvaluateAt(rest, endOfStream, out length);
    }

    private static CandidateVerdict EvaluateAt(ReadOnlySpan<byte> rest, bool endOfStream, out int length)
    {
        length = 0;
        var undecided = endOfStream ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
        if (rest.Length < 4)
        {
            return undecided;
        }

        var bodyLength = rest[3];
        length = Eg4LegacyLayout.Overhead + bodyLength;
        if (bodyLength != 0)
        {
            // Walk the body with whatever bytes are here: general-status replies carry ten groups that
            // must fill it exactly; other commands may also carry printable text (firmware 0x33,
            // hardware 0x42). A body that cannot be what its command allows is refuted at once.
            var available = rest[4..Math.Min(rest.Length, 4 + bodyLength)];
            var body = rest[2] == Eg4LegacyLayout.GeneralStatus
                ? CheckGroups(available, bodyLength)
                : Either(CheckGroups(available, bodyLength), CheckText(available, bodyLength));
            if (body != CandidateVerdict.Valid)
            {
                return body == CandidateVerdict.Pending ? undecided : CandidateVerdict.Invalid;
            }
        }

        if (rest.Length < length)
        {
            return undecided;
        }

        return rest[length - 1] == Eg4LegacyLayout.End ? CandidateVerdict.Valid : CandidateVerdict.Invalid;
    }

    private static CandidateVerdict Either(CandidateVerdict first, CandidateVerdict second) =>
        first == CandidateVerdict.Valid || second == CandidateVerdict.Valid ? CandidateVerdict.Valid
        : first == CandidateVerdict.Pending || second == CandidateVerdict.Pending ? CandidateVerdict.Pending
        : CandidateVerdict.Invalid;

    private static CandidateVerdict CheckText(ReadOnlySpan<byte> available, int bodyLength)
    {
        foreach (var b in available)
        {
            if (b is not (0x00 or (>= 0x20 and < 0x7F)))
            {
                return CandidateVerdict.Invalid;
            }
        }

        return available.Length == bodyLength ? CandidateVerdict.Valid : CandidateVerdict.Pending;
    }

    // `available` is the part of the body received so far (all of it when its length is bodyLength).
    private static CandidateVerdict CheckGroups(ReadOnlySpan<byte> available, int bodyLength)
    {
        if (bodyLength < Eg4LegacyLayout.MinReplyBodyLength)
        {
            return CandidateVerdict.Invalid;
        }

        var position = 0;
        for (var group = 0; group < Eg4LegacyLayout.GroupCount; group++)
        {
            if (position + Eg4LegacyLayout.GroupHeaderLength > available.Length)
            {
                return position + Eg4LegacyLayout.GroupHeaderLength > bodyLength ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
            }

            position += Eg4LegacyLayout.GroupHeaderLength + (2 * available[position + 1]);
            if (position > bodyLength)
            {
                return CandidateVerdict.Invalid;
            }
        }

        return position == bodyLength ? CandidateVerdict.Valid : CandidateVerdict.Invalid;
    }
}

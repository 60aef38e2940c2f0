using Streams.Framing;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// Finds <c>FF AA cmd len data[len] chk</c> frames of the JBD BLE password handshake
/// (<see cref="JbdBleAuth"/>) in a notification stream: length-driven, checksum checked. Pure and
/// allocation-free.
/// </summary>
internal static class JbdAuthFramer
{
    /// <summary>Header, command, length and checksum around at most 255 data bytes.</summary>
    public const int MaxFrameLength = 5 + byte.MaxValue;

    private const int HeaderLength = 4;

    /// <summary>Looks for the first complete, valid handshake frame in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage.</param>
    /// <param name="consumed">On true, the end of the frame; on false, how many leading bytes are garbage.</param>
    /// <param name="frame">The frame found.</param>
    public static bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame)
    {
        var rule = default(Rule);
        return CandidateScan.TryRead(ref rule, buffer, endOfStream, out consumed, out frame);
    }

    private readonly struct Rule : ICandidateRule
    {
        public int MinCandidateLength => 1;

        public bool SkipsUndecided => false;

        public int NextCandidate(ReadOnlySpan<byte> rest) => rest.IndexOf(JbdBleAuth.Header0);

        public CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length)
        {
            length = rest.Length < HeaderLength ? 0 : HeaderLength + rest[3] + 1;
            if (rest.Length >= 2 && rest[1] != JbdBleAuth.Header1)
            {
                return CandidateVerdict.Invalid;
            }

            if (length == 0 || rest.Length < length)
            {
                return endOfStream ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
            }

            return HasValidChecksum(rest[..length]) ? CandidateVerdict.Valid : CandidateVerdict.Invalid;
        }
    }

    private static bool HasValidChecksum(ReadOnlySpan<byte> frame)
    {
        var sum = 0;
        foreach (var b in frame[2..^1])
        {
            sum += b;
        }

        return (byte)sum == frame[^1];
    }
}

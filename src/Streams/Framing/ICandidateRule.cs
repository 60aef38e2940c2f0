namespace Streams.Framing;

/// <summary>
/// What one protocol says about possible frame starts, for <see cref="CandidateScan"/>: where the
/// next one may be, and whether a frame starts there. A struct, so the scan loop is specialised per
/// protocol and stays allocation-free; it may keep what the last evaluation found (a frame kind).
/// </summary>
internal interface ICandidateRule
{
    /// <summary>Bytes a candidate needs before <see cref="NextCandidate"/> can recognise it (at least 1).</summary>
    int MinCandidateLength { get; }

    /// <summary>
    /// True when an undecided candidate does not hold back the scan: a complete valid frame after
    /// it is taken at once (checksummed protocols, where a false frame inside a real one is implausible).
    /// </summary>
    bool SkipsUndecided { get; }

    /// <summary>The offset in <paramref name="rest"/> of the next possible frame start, or -1.</summary>
    int NextCandidate(ReadOnlySpan<byte> rest);

    /// <summary>Whether a frame starts at <paramref name="rest"/>[0]; on Valid, its <paramref name="length"/>.</summary>
    CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length);
}

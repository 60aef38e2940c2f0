namespace Streams.Bench.Baseline.Formatter;

/// <summary>Outcome of looking for one whole packet at the start of a buffer.</summary>
public enum MqttFrameStatus
{
    /// <summary>A whole packet is there; see the frame for its extent.</summary>
    Complete,

    /// <summary>Not enough bytes yet; read more and try again from the same start.</summary>
    NeedMoreData,

    /// <summary>The Remaining Length runs into a fifth byte: the stream cannot be re-synchronised.</summary>
    Malformed,
}

namespace Streams.Framing;

/// <summary>What a framer concluded about a possible frame start.</summary>
internal enum CandidateVerdict
{
    /// <summary>No frame starts here, whatever bytes follow.</summary>
    Invalid,

    /// <summary>A frame may start here; more bytes are needed to decide.</summary>
    Pending,

    /// <summary>A complete, valid frame starts here.</summary>
    Valid,
}

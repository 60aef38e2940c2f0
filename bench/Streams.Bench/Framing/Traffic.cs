namespace Streams.Bench.Framing;

public enum Traffic
{
    /// <summary>Back-to-back queries and replies of four packs.</summary>
    Clean,

    /// <summary>Uniformly random bytes.</summary>
    Noise,

    /// <summary>Clean traffic with 10 % of its bytes replaced at random.</summary>
    Corrupted10,
}

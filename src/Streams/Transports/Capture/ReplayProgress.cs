namespace Streams.Transports.Capture;

/// <summary>How far a replay has read its capture file.</summary>
public readonly record struct ReplayProgress(long BytesRead, long TotalBytes)
{
    /// <summary>0..1; 1 for an empty file.</summary>
    public double Fraction => TotalBytes <= 0 ? 1.0 : Math.Min(1.0, (double)BytesRead / TotalBytes);
}

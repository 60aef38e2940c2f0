namespace Streams.Tests.Support;

/// <summary>A byte stream of noise and frames, with the offset of each frame.</summary>
internal sealed record EmbeddedStream(byte[] Bytes, IReadOnlyList<(int Offset, byte[] Frame)> Frames)
{
    public static EmbeddedStream Of(IEnumerable<(byte[] Noise, byte[] Frame)> parts, byte[] tail)
    {
        var bytes = new List<byte>();
        var frames = new List<(int, byte[])>();
        foreach (var (noise, frame) in parts)
        {
            bytes.AddRange(noise);
            frames.Add((bytes.Count, frame));
            bytes.AddRange(frame);
        }

        bytes.AddRange(tail);
        return new EmbeddedStream(bytes.ToArray(), frames);
    }

    /// <summary>
    /// True when every embedded frame was found at its offset, or a frame that is not one of the
    /// embedded ones (a checksum collision in the noise) was found overlapping it.
    /// </summary>
    public bool AllRecoveredFrom(IReadOnlyList<(int Offset, int Length)> found)
    {
        var real = Frames.Select(f => (f.Offset, f.Frame.Length)).ToHashSet();
        var falsePositives = found.Where(f => !real.Contains(f)).ToList();
        return Frames.All(f =>
            found.Contains((f.Offset, f.Frame.Length))
            || falsePositives.Any(p => p.Offset < f.Offset + f.Frame.Length && f.Offset < p.Offset + p.Length));
    }

    public override string ToString() => $"{Frames.Count} frames in {Convert.ToHexString(Bytes)}";
}

using FsCheck;
using FsCheck.Fluent;

namespace Streams.Tests.Support;

/// <summary>FsCheck generators for byte streams: noise, cut points, frames embedded in noise.</summary>
internal static class Generators
{
    public static Gen<byte> AnyByte { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<byte[]> Noise(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => AnyByte.ArrayOf(n));

    /// <summary>Noise that never contains <paramref name="excluded"/>.</summary>
    public static Gen<byte[]> NoiseWithout(int maxLength, params byte[] excluded) =>
        Gen.Choose(0, maxLength).SelectMany(n => AnyByte.Where(b => !excluded.Contains(b)).ArrayOf(n));

    /// <summary>Cut offsets for a stream of up to <paramref name="maxLength"/> bytes.</summary>
    public static Gen<int[]> Cuts(int maxLength) =>
        Gen.Choose(0, 40).SelectMany(n => Gen.Choose(1, Math.Max(1, maxLength)).ArrayOf(n));

    /// <summary>Frames from <paramref name="frame"/>, each preceded by noise; remembers where the frames are.</summary>
    public static Gen<EmbeddedStream> Embedded(Gen<byte[]> frame, Gen<byte[]> noise, int maxFrames) =>
        Gen.Choose(0, maxFrames)
            .SelectMany(n => Gen.Zip(noise, frame).ArrayOf(n))
            .SelectMany(parts => noise.Select(tail => EmbeddedStream.Of(parts, tail)));

    public static Arbitrary<T> ToArb<T>(this Gen<T> gen) => gen.ToArbitrary();
}

using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Jbd.Ble;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd.Ble;

public sealed class JbdAuthFramingTests
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    // syssi/esphome-jbd-bms docs/ffaa-auth-flow: the app key, random-byte request and reply, password.
    private static readonly string[] HandshakeVectors = ["jbd-auth-appkey", "jbd-auth-getrandom", "jbd-auth-random-0x61", "jbd-auth-password-123412"];

    [Fact]
    public void The_handshake_vectors_are_found_among_JBD_frames_and_noise_in_20_byte_notifications()
    {
        var stream = new List<byte> { 0x00, 0xFF, 0x13 };
        foreach (var id in HandshakeVectors)
        {
            stream.AddRange(FrameVectors.Get(id).Bytes);
            stream.AddRange(FrameVectors.Get("jbd-04-sp04s034-a").Bytes);
        }

        var observed = Observed<JbdAuthFrame>.Of(Chunks.OfSize([.. stream], 20).ToObservable().FrameJbdAuth());

        Assert.Equal([0x15, 0x17, 0x17, 0x18], observed.Items.Select(f => f.Command));
        Assert.Equal([0x61], observed.Items[2].Data);
        Assert.True(observed.Completed);
    }

    [Fact]
    public void A_frame_with_a_wrong_checksum_is_skipped()
    {
        var damaged = FrameVectors.Get("jbd-auth-random-0x61").Bytes;
        damaged[^1] ^= 0x01;

        var observed = Observed<JbdAuthFrame>.Of(Chunks.AsOneChunk([.. damaged, .. FrameVectors.Get("jbd-auth-getrandom").Bytes]).FrameJbdAuth());

        Assert.Equal([0x17], observed.Items.Select(f => f.Command));
        Assert.Empty(observed.Items[0].Data);
    }

    [Fact]
    public void Any_chunking_yields_the_same_frames_and_noise_never_throws()
    {
        var frames = Gen.Elements(HandshakeVectors).Select(id => FrameVectors.Get(id).Bytes);
        var streams = Generators.Embedded(frames, Generators.Noise(30), maxFrames: 6);

        Check.One(Runs, Prop.ForAll(streams.ToArb(), Generators.Cuts(400).ToArb(), (stream, cuts) =>
        {
            var whole = Observed<JbdAuthFrame>.Of(Chunks.AsOneChunk(stream.Bytes).FrameJbdAuth());
            var cut = Observed<JbdAuthFrame>.Of(Chunks.CutAt(stream.Bytes, cuts).ToObservable().FrameJbdAuth());

            return cut.Error is null && whole.Error is null
                && cut.Items.Select(f => $"{f.Command}:{Convert.ToHexString([.. f.Data])}")
                    .SequenceEqual(whole.Items.Select(f => $"{f.Command}:{Convert.ToHexString([.. f.Data])}"));
        }));
    }
}

using FluentAssertions;
using Streams.Framing;
using Xunit;

namespace Streams.Tests.Framing;

public sealed class FrameAssemblerTests
{
    [Fact]
    public void A_framer_that_throws_ends_the_stream_with_OnError_instead_of_throwing_into_the_source()
    {
        var items = new List<string>();
        Exception? error = null;
        var observer = System.Reactive.Observer.Create<string>(items.Add, e => error = e);
        var assembler = new FrameAssembler<string>(new ThrowingFramer(), new FramingCounters(), observer);

        var push = () => assembler.Push(new byte[] { 1, 2, 3 });

        push.Should().NotThrow();
        error.Should().BeOfType<InvalidOperationException>();
        assembler.Push(new byte[] { 4 });
        assembler.Complete();
        items.Should().BeEmpty();
    }

    [Fact]
    public void A_framer_that_keeps_too_much_undecided_is_held_to_its_maximum()
    {
        var counters = new FramingCounters();
        var observer = System.Reactive.Observer.Create<string>(_ => { });
        var framer = new NeverDecidingFramer();
        var assembler = new FrameAssembler<string>(framer, counters, observer);

        assembler.Push(new byte[10_000]);

        framer.LargestBuffer.Should().BeLessThanOrEqualTo(NeverDecidingFramer.Maximum + FrameAssembler<string>.SliceLength);
        counters.DiscardedBytes.Should().Be(10_000 - (NeverDecidingFramer.Maximum - 1));
    }

    private sealed class ThrowingFramer : IChunkFramer<string>
    {
        public int MaxFrameLength => 16;

        public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame) =>
            throw new InvalidOperationException("framer bug");

        public string Accept(ReadOnlySpan<byte> frame) => "";

        public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => false;
    }

    private sealed class NeverDecidingFramer : IChunkFramer<string>
    {
        public const int Maximum = 32;

        public int LargestBuffer { get; private set; }

        public int MaxFrameLength => Maximum;

        public bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame)
        {
            LargestBuffer = Math.Max(LargestBuffer, buffer.Length);
            consumed = 0;
            frame = default;
            return false;
        }

        public string Accept(ReadOnlySpan<byte> frame) => "";

        public bool IsDamagedFrameAt(ReadOnlySpan<byte> following) => false;
    }
}

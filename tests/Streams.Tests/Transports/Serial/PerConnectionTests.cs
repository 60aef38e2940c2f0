using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Transports.Serial;

/// <summary><see cref="SerialLinks.PerConnection"/>: a pipeline's state ends with its link, so a frame cut off by a drop is never glued to the next link's bytes.</summary>
public sealed class PerConnectionTests
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReconnectPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    // A 39-register reply from a Modbus TCP gateway, and the same reply to the next read.
    private static readonly byte[] First = ModbusTcpAdu.FromRtu(1, ModbusFrames.Response(7, [.. Enumerable.Range(1, 39).Select(i => (ushort)i)]));
    private static readonly byte[] Second = ModbusTcpAdu.FromRtu(2, ModbusFrames.Response(7, [.. Enumerable.Range(101, 39).Select(i => (ushort)i)]));

    private readonly HistoricalScheduler _scheduler = new(Epoch);
    private readonly FakeSerialDevice _device;

    public PerConnectionTests() => _device = new FakeSerialDevice(_scheduler, Epoch) { Plugged = true };

    [Fact]
    public void Each_link_gets_its_own_pipeline_which_completes_when_the_link_is_lost()
    {
        var statuses = SerialLinks.Reconnecting(_device.Open, Policy, _scheduler).Publish().RefCount();
        var perLink = new List<byte[]>();
        using var subscription = statuses.PerConnection(chunks => chunks.SelectMany(c => c.ToArray()).ToArray()).Subscribe(perLink.Add);

        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        _device.Current!.Emit(1, 2);
        _device.Current.Emit(3);
        _device.Unplug();
        _device.Plugged = true;
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1.5));
        _device.Current!.Emit(4, 5);
        _device.Current.Dispose();

        perLink.Should().HaveCount(2);
        perLink[0].Should().Equal(1, 2, 3);
        perLink[1].Should().Equal(4, 5);
    }

    [Fact]
    public void A_modbus_tcp_frame_cut_off_by_a_drop_does_not_swallow_the_next_links_reply()
    {
        var perConnection = Frames(statuses => statuses.PerConnection(chunks => chunks.FrameModbusTcp()));
        var glued = Frames(statuses => statuses.ReceivedWhileConnected().FrameModbusTcp());

        perConnection.Should().ContainSingle().Which.TransactionId.Should().Be(2);
        perConnection[0].GetRegisters().Should().Equal(Enumerable.Range(101, 39).Select(i => (ushort)i));
        glued.Should().NotContain(frame => frame.TransactionId == 2,
            "one framer over both links reads the half frame's length across the new link's bytes: this is what PerConnection prevents");
    }

    private List<ModbusFrame> Frames(Func<IObservable<LinkStatus>, IObservable<ModbusFrame>> pipeline)
    {
        var device = new FakeSerialDevice(_scheduler, Epoch) { Plugged = true };
        var frames = new List<ModbusFrame>();
        using var subscription = pipeline(SerialLinks.Reconnecting(device.Open, Policy, _scheduler).Publish().RefCount()).Subscribe(frames.Add);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        device.Current!.Emit(First[..40]);
        device.Unplug();
        device.Plugged = true;
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1.5));
        device.Current!.Emit(Second);
        return frames;
    }
}

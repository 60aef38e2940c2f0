using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Tests.Config;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus.Sniffing;

/// <summary>The replay's hand-over: each chunk's readings as one list, as soon as that chunk is decoded.</summary>
public sealed class SniffReadingsPerChunkTests
{
    [Fact]
    public void A_chunk_hands_on_the_readings_it_completed_before_the_next_chunk_arrives()
    {
        var first = Bus(1, 2);
        var second = Bus(3);
        var half = first.Length / 2 + 1;
        using var chunks = new Subject<ReadOnlyMemory<byte>>();
        var lists = new List<int[]>();
        using var subscription = chunks.SniffReadingsPerChunk(Options(), ImmediateScheduler.Instance)
            .Subscribe(list => lists.Add([.. list.Select(Address)]));

        chunks.OnNext(first.AsMemory(0, half));
        lists.Should().HaveCount(1, "the first chunk ended mid-way through the second reply");
        lists[0].Should().Equal(1);

        chunks.OnNext(first.AsMemory(half));
        lists.Should().HaveCount(2).And.Subject.Last().Should().Equal([2], "its reading is handed on without waiting for more bytes");

        chunks.OnNext(new byte[] { 0x00 });
        lists.Should().HaveCount(3).And.Subject.Last().Should().BeEmpty("a chunk that completes no reading hands on an empty list");

        chunks.OnNext(second);
        chunks.OnCompleted();
        lists.Select(l => l.Length).Should().Equal([1, 1, 0, 1, 0], "the end hands on what no chunk completed: nothing");
        lists[3].Should().Equal(3);
    }

    [Fact]
    public void Any_cutting_of_the_bus_hands_on_every_reading_once_in_order()
    {
        var bus = Bus(1, 2, 3, 4, 5, 6);
        foreach (var size in new[] { 1, 7, 50, 333, bus.Length })
        {
            var lists = Observed<IList<Streams.Core.Reading>>.Of(
                Chunks.OfSize(bus, size).ToObservable().SniffReadingsPerChunk(Options(), ImmediateScheduler.Instance));

            lists.Completed.Should().BeTrue();
            lists.Items.SelectMany(l => l).Select(Address).Should().Equal([1, 2, 3, 4, 5, 6], $"chunks of {size} bytes");
            lists.Items.Should().HaveCount(Chunks.OfSize(bus, size).Count + 1, "one list per chunk, and the empty one at the end");
        }
    }

    /// <summary>One status read per address, query then reply.</summary>
    private static byte[] Bus(params byte[] addresses) =>
        [.. addresses.SelectMany(a => ModbusFrames.Query(a, 0, 39).Concat(ModbusFrames.Response(a, new ushort[39])))];

    private static int Address(Streams.Core.Reading reading) => Convert.ToInt32(reading.Device.Name[^2..], 16);

    private static SnifferOptions Options() =>
        new(SnifferNames.Of(ConfigAssertions.ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/ttyFAKE0\n    baud: 19200\n")), SnifferKind.NewMap, Serilog.Core.Logger.None);
}
